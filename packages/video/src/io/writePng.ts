import { writeFileAtomic } from '@ebm/core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rawFromVideo } from './rawFrames.js';
import { encodeRaw } from './runFfmpeg.js';
import { VideoIoError } from './VideoIoError.js';
import type { VideoTensor } from './VideoTensor.js';

/**
 * Writes the first frame of `image` as a PNG file (atomically), through ffmpeg. Used for frame strips and masks.
 * @param image [C, ≥1, H, W] in [0, 1].
 * @throws VideoIoError naming the path when ffmpeg fails or the folder is missing.
 */
export async function writePng(target: string, image: VideoTensor): Promise<void> {
  const temp = await mkdtemp(path.join(tmpdir(), 'ebm-video-png-'));
  try {
    const file = path.join(temp, 'frame.png');
    const first = { ...image, frames: 1, data: firstFrame(image) };
    try {
      await encodeRaw({
        frames: rawFromVideo(first),
        width: image.width,
        height: image.height,
        pixelFormat: image.channels === 1 ? 'gray' : 'rgb24',
        fps: image.fps,
        output: file,
        outputOptions: ['-frames:v', '1', '-f', 'image2', '-c:v', 'png'],
      });
    } catch (e) {
      throw new VideoIoError(`${target}: ffmpeg could not write a PNG (${(e as Error).message})`, target);
    }
    await writeFileAtomic(target, await readFile(file)).catch((e: Error) => {
      throw new VideoIoError(`${target}: cannot write (${e.message})`, target);
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Frame 0 of every channel, [C, 1, H, W]. */
function firstFrame(v: VideoTensor): Float32Array {
  const plane = v.width * v.height;
  const out = new Float32Array(v.channels * plane);
  for (let c = 0; c < v.channels; c++) out.set(v.data.subarray(c * v.frames * plane, c * v.frames * plane + plane), c * plane);
  return out;
}
