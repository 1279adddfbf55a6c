import type { VideoMask } from './VideoMask.js';

/**
 * Whole frames missing.
 * @param missing 0-based frame indices, each in [0, frames).
 * @returns [T, H, W], 1 = missing (every pixel of the listed frames).
 */
export function missingFramesMask(frames: number, height: number, width: number, missing: readonly number[]): VideoMask {
  const plane = width * height;
  const data = new Uint8Array(frames * plane);
  for (const t of missing) {
    if (!Number.isInteger(t) || t < 0 || t >= frames) throw new RangeError(`frame index ${t} is outside 0…${frames - 1}`);
    data.fill(1, t * plane, (t + 1) * plane);
  }
  return { frames, height, width, data };
}
