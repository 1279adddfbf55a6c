import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFrameFiles } from './frameFolder.js';
import { readPngSize } from './pngSize.js';
import { videoFromRaw } from './rawFrames.js';
import { decodeRaw, probeVideo, type ProbedStream } from './runFfmpeg.js';
import { VideoIoError } from './VideoIoError.js';
import type { VideoTensor } from './VideoTensor.js';

/** Frame rate of a frame folder when the caller gives none. */
export const FRAME_FOLDER_FPS = 25;

/** What to read of a clip; everything is kept as it is unless asked. */
export interface ReadVideoOptions {
  /** Scale to this size: to cover it with the aspect ratio kept, then centre-cropped (`fit: 'cover'`), or stretched. */
  size?: { width: number; height: number };
  /** 'cover' (default) or 'stretch' (exact scale, aspect ratio changed). */
  fit?: 'cover' | 'stretch';
  /** Nearest-neighbour scaling (masks) instead of bicubic. */
  nearest?: boolean;
  /** First frame to read, 0-based (after any `fps` resampling); default 0. */
  start?: number;
  /** Number of frames to read; default all from `start`. Fewer available is an error. */
  frames?: number;
  /** Resample to this frame rate (ffmpeg's fps filter); default: keep every frame and the clip's rate. */
  fps?: number;
  /** 1 (grey) or 3 (RGB); default: 1 for grey sources, else 3. */
  channels?: 1 | 3;
}

/** Decoded frames as ffmpeg returns them: bytes [T, H, W, depth], interleaved. */
export interface RawClip {
  bytes: Buffer;
  /** Bytes per pixel: 1 (grey), 3 (RGB) or 4 (RGBA). */
  depth: 1 | 3 | 4;
  width: number;
  height: number;
  frames: number;
  fps: number;
}

/** Pixel formats ffmpeg reports for grey sources. */
function isGrey(pixelFormat: string): boolean {
  return /^(gray|ya|y8|y16|monow|monob)/.test(pixelFormat);
}

/** The ffmpeg filter chain for the options: resampling, frame range, scaling. */
function filterChain(o: ReadVideoOptions): string[] {
  const filters: string[] = [];
  if (o.fps !== undefined) filters.push(`fps=${o.fps}`);
  if (o.start) filters.push(`trim=start_frame=${o.start}`, 'setpts=PTS-STARTPTS');
  if (o.size) {
    const { width: w, height: h } = o.size;
    const flags = o.nearest ? ':flags=neighbor' : ':flags=bicubic';
    if (o.fit === 'stretch') filters.push(`scale=${w}:${h}${flags}`);
    else filters.push(`scale=${w}:${h}:force_original_aspect_ratio=increase${flags}`, `crop=${w}:${h}`);
  }
  return filters;
}

/** A concat-demuxer list of files, one frame each lasting 1/fps seconds. */
function concatList(files: readonly string[], fps: number): string {
  return files.map((f) => `file '${f.replace(/'/g, `'\\''`)}'\nduration ${1 / fps}\n`).join('');
}

/**
 * Reads a clip: a video file (mp4, webm, avi, mov, animated GIF, anything ffmpeg decodes) or a folder of numbered
 * PNG frames (ordered by the last number in each name), through ffmpeg.
 * @param source a file or a folder path.
 * @returns [C, T, H, W] in [0, 1] with the source's frame rate (frame folders: 25 fps unless `fps`).
 * @throws VideoIoError naming the file and the fix: missing, unreadable or truncated, no frames, fewer frames than
 *   asked, frames of different sizes in a folder; FfmpegNotFoundError when there is no ffmpeg.
 */
export async function readVideo(source: string, options: ReadVideoOptions = {}): Promise<VideoTensor> {
  const clip = await decodeClip(source, options);
  return videoFromRaw(clip.bytes, clip.depth as 1 | 3, clip.width, clip.height, clip.fps);
}

/**
 * Decodes a clip as {@link readVideo} does, to raw bytes; `rgba` asks for 4 bytes per pixel (masks).
 * @throws as {@link readVideo}.
 */
export async function decodeClip(source: string, options: ReadVideoOptions & { rgba?: boolean } = {}): Promise<RawClip> {
  const st = await stat(source).catch(() => null);
  if (!st) throw new VideoIoError(`${source} does not exist (check the path)`, source);
  let probed: ProbedStream;
  let input = source;
  let inputFormat: string | undefined;
  let inputOptions: string[] | undefined;
  let temp: string | undefined;
  try {
    if (st.isDirectory()) {
      const files = await listFrameFiles(source);
      if (files.length === 0) throw new VideoIoError(`${source}: folder has no numbered PNG frames (name them 0001.png, 0002.png, …)`, source);
      await checkFrameSizes(files, source);
      probed = await probeOrFail(files[0], source);
      temp = await mkdtemp(path.join(tmpdir(), 'ebm-video-read-'));
      input = path.join(temp, 'frames.txt');
      await writeFile(input, concatList(files, options.fps ?? FRAME_FOLDER_FPS));
      inputFormat = 'concat';
      inputOptions = ['-safe', '0'];
    } else {
      probed = await probeOrFail(source, source);
    }
    const channels = options.channels ?? (isGrey(probed.pixelFormat) ? 1 : 3);
    const width = options.size?.width ?? probed.width;
    const height = options.size?.height ?? probed.height;
    const fps = options.fps ?? (st.isDirectory() ? FRAME_FOLDER_FPS : probed.fps ?? FRAME_FOLDER_FPS);
    let bytes: Buffer;
    try {
      bytes = await decodeRaw({
        input,
        inputFormat,
        inputOptions,
        // A frame folder has no timing: --fps sets its rate instead of resampling it.
        filters: filterChain(st.isDirectory() ? { ...options, fps: undefined } : options),
        maxFrames: options.frames,
        pixelFormat: options.rgba ? 'rgba' : channels === 1 ? 'gray' : 'rgb24',
      });
    } catch (e) {
      throw new VideoIoError(`${source}: ffmpeg could not decode it (${(e as Error).message}); check that it is a complete video or PNG frame folder`, source);
    }
    const depth = options.rgba ? 4 : channels;
    const frameBytes = width * height * depth;
    if (bytes.length % frameBytes !== 0) throw new VideoIoError(`${source}: ffmpeg returned a partial frame; check that it is a complete video`, source);
    const video = { bytes, depth, width, height, fps, frames: bytes.length / frameBytes } as const;
    // Frames the container promises from `start` on (when the rate is kept): fewer decoded means a cut-off file.
    const promised = probed.declaredFrames !== undefined && options.fps === undefined && !st.isDirectory() ? probed.declaredFrames - (options.start ?? 0) : undefined;
    if (promised !== undefined && video.frames < Math.min(promised, options.frames ?? Infinity)) {
      throw new VideoIoError(`${source} is truncated: it declares ${probed.declaredFrames} frames but only ${video.frames + (options.start ?? 0)} decode; use a complete copy or re-encode it`, source);
    }
    const from = options.start ? ` from frame ${options.start + 1}` : '';
    if (video.frames === 0) throw new VideoIoError(`${source} has no frames${from} (a zero-frame or truncated video); give a clip with frames`, source);
    if (options.frames !== undefined && video.frames < options.frames) {
      throw new VideoIoError(`${source} has ${video.frames} frames${from}, fewer than the ${options.frames} asked for; ask for at most ${video.frames} with --frames`, source);
    }
    return video;
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

/** Every frame of a folder must be a PNG of the first one's size (ffmpeg would silently rescale the others). */
async function checkFrameSizes(files: readonly string[], source: string): Promise<void> {
  let first: { width: number; height: number } | undefined;
  for (const file of files) {
    const size = await readPngSize(file);
    if (!size) throw new VideoIoError(`${source}: ${path.basename(file)} is not a PNG file; a frame folder holds numbered PNG frames only`, source);
    first ??= size;
    if (size.width !== first.width || size.height !== first.height) {
      throw new VideoIoError(
        `${source}: frame ${path.basename(file)} is ${size.width}x${size.height}, the first frame ${first.width}x${first.height}; give every frame the same size`,
        source,
      );
    }
  }
}

async function probeOrFail(file: string, source: string): Promise<ProbedStream> {
  try {
    return await probeVideo(file);
  } catch (e) {
    if (e instanceof Error && e.name === 'FfmpegNotFoundError') throw e;
    const which = file === source ? source : `${source}: ${path.basename(file)}`;
    throw new VideoIoError(
      `${which}: not a readable video (${(e as Error).message}); use mp4, webm, avi, mov, an animated GIF or a folder of numbered PNG frames`,
      source,
    );
  }
}
