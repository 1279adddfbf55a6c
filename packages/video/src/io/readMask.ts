import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { VideoMask } from '../masks/VideoMask.js';
import { decodeClip, type ReadVideoOptions } from './readVideo.js';
import { VideoIoError } from './VideoIoError.js';
import type { VideoTensor } from './VideoTensor.js';

/** A mask pixel is missing when luminance × alpha ≥ this (white and opaque; transparent or dark = observed). */
const MISSING_THRESHOLD = 0.5;

/**
 * Reads a mask for `video`: one PNG applied to every frame, or a video or folder of frames with one mask frame per
 * clip frame. White = missing in any channel layout (RGB, grey, grey+alpha, RGBA): a pixel is missing when its
 * luminance times its alpha is at least ½, so white paint on a transparent layer works too. A mask video or folder is
 * read with the same frame range and size options as the clip; a PNG only with the same size.
 * @param options the options the clip was read with (size, start, frames, fps).
 * @returns [T, H, W] of the clip, 1 = missing.
 * @throws VideoIoError naming the mask file: unreadable, of another size, or with another frame count.
 */
export async function readMask(source: string, video: VideoTensor, options: ReadVideoOptions = {}): Promise<VideoMask> {
  const st = await stat(source).catch(() => null);
  if (!st) throw new VideoIoError(`${source} does not exist (check the mask path)`, source);
  const single = st.isFile() && path.extname(source).toLowerCase() === '.png';
  const clip = await decodeClip(source, {
    ...(single ? { frames: 1 } : { start: options.start, frames: options.frames, fps: options.fps }),
    size: options.size,
    fit: options.fit,
    nearest: true,
    rgba: true,
  });
  if (clip.width !== video.width || clip.height !== video.height) {
    throw new VideoIoError(`${source}: mask is ${clip.width}x${clip.height}, the input ${video.width}x${video.height}; give a mask of the input's size`, source);
  }
  if (!single && clip.frames !== video.frames) {
    throw new VideoIoError(
      `${source}: mask has ${clip.frames} frames, the input ${video.frames}; give one mask frame per input frame, or one PNG for all frames`,
      source,
    );
  }
  const plane = video.width * video.height;
  const data = new Uint8Array(video.frames * plane);
  const b = clip.bytes;
  for (let t = 0; t < video.frames; t++) {
    const src = single ? 0 : t;
    for (let p = 0; p < plane; p++) {
      const i = 4 * (src * plane + p);
      const luminance = (0.299 * b[i] + 0.587 * b[i + 1] + 0.114 * b[i + 2]) / 255;
      data[t * plane + p] = luminance * (b[i + 3] / 255) >= MISSING_THRESHOLD ? 1 : 0;
    }
  }
  return { frames: video.frames, height: video.height, width: video.width, data };
}
