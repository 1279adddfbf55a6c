import { writeFileAtomic } from '@ebm/core';
import { mkdtemp, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frameFileName } from './frameFolder.js';
import { rawFromVideo } from './rawFrames.js';
import { encodeRaw } from './runFfmpeg.js';
import { checkVideoOutput, type VideoOutputKind } from './videoOutput.js';
import { VideoIoError } from './VideoIoError.js';
import type { VideoTensor } from './VideoTensor.js';

/** Encoder settings per container: H.264 yuv420p (CRF 12), VP9 yuv420p (CRF 18), GIF with a palette made for the clip. */
const ENCODERS: Record<Exclude<VideoOutputKind, 'folder'>, { options: string[]; filterGraph?: string }> = {
  mp4: { options: ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '12', '-preset', 'medium', '-movflags', '+faststart', '-f', 'mp4'] },
  webm: { options: ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-crf', '18', '-b:v', '0', '-f', 'webm'] },
  gif: { options: ['-f', 'gif', '-loop', '0'], filterGraph: '[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none' },
};

/**
 * Writes a clip: mp4 (H.264, yuv420p), webm (VP9), animated GIF, or a folder of PNG frames 0001.png, 0002.png, …
 * (a path ending in '/' or naming an existing empty folder; nothing else is written into it). Size, frame rate and
 * colour (grey stays grey in PNG frames) are kept. Atomic: a file is encoded in a temp folder and then written with
 * core's writeFileAtomic; a frame folder is filled under a temp name beside it and renamed into place.
 * @param video [C, T, H, W] in [0, 1].
 * @throws VideoIoError naming the path: unknown extension, missing parent folder, non-empty output folder, odd
 *   size for mp4, or an ffmpeg failure; FfmpegNotFoundError when there is no ffmpeg.
 */
export async function writeVideo(target: string, video: VideoTensor): Promise<void> {
  const kind = await checkVideoOutput(target);
  if (kind === 'mp4' && (video.width % 2 !== 0 || video.height % 2 !== 0)) {
    throw new VideoIoError(`${target}: H.264 with yuv420p needs an even width and height, the clip is ${video.width}x${video.height}; write .webm, .gif or a frame folder, or scale with --size`, target);
  }
  const frames = rawFromVideo(video);
  const pixelFormat = video.channels === 1 ? 'gray' : 'rgb24';
  const base = { frames, width: video.width, height: video.height, pixelFormat, fps: video.fps } as const;
  if (kind === 'folder') return writeFrameFolder(target, base);
  const temp = await mkdtemp(path.join(tmpdir(), 'ebm-video-write-'));
  try {
    const file = path.join(temp, `out.${kind}`);
    const encoder = ENCODERS[kind];
    try {
      await encodeRaw({ ...base, output: file, outputOptions: encoder.options, filterGraph: encoder.filterGraph });
    } catch (e) {
      throw new VideoIoError(`${target}: ffmpeg could not encode ${kind} (${(e as Error).message})`, target);
    }
    await writeFileAtomic(target, await readFile(file));
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** PNG frames into a hidden temp folder beside `target`, then renamed to it (an existing empty target is replaced). */
async function writeFrameFolder(target: string, base: Omit<Parameters<typeof encodeRaw>[0], 'output' | 'outputOptions'>): Promise<void> {
  const resolved = path.resolve(target);
  const temp = await mkdtemp(path.join(path.dirname(resolved), `.${path.basename(resolved)}.`));
  try {
    try {
      await encodeRaw({ ...base, output: path.join(temp, '%04d.png'), outputOptions: ['-f', 'image2', '-start_number', '1', '-c:v', 'png'] });
    } catch (e) {
      throw new VideoIoError(`${target}: ffmpeg could not write PNG frames (${(e as Error).message})`, target);
    }
    const written = new Set(await readdir(temp));
    const complete = written.size === base.frames.length / (base.width * base.height * (base.pixelFormat === 'gray' ? 1 : 3));
    if (!complete || ![...written].every((_, i) => written.has(frameFileName(i)))) {
      throw new VideoIoError(`${target}: ffmpeg wrote ${written.size} frame files, not the clip's frames as 0001.png, 0002.png, …`, target);
    }
    await rmdir(resolved).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw new VideoIoError(`${target}: output folder is not empty; give a new or empty folder`, target);
    });
    await rename(temp, resolved);
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
