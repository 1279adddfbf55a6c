import type { VideoMask } from './VideoMask.js';

/**
 * A static square occlusion: the same `side`×`side` square missing in every frame, centred unless `x`, `y` (its
 * top-left corner, pixels) are given.
 * @returns [T, H, W], 1 = missing.
 */
export function squareOcclusion(frames: number, height: number, width: number, side: number, at?: { x: number; y: number }): VideoMask {
  if (!Number.isInteger(side) || side < 1 || side > Math.min(width, height)) throw new RangeError(`square side ${side} must be 1…${Math.min(width, height)}`);
  const x0 = at?.x ?? Math.floor((width - side) / 2);
  const y0 = at?.y ?? Math.floor((height - side) / 2);
  const data = new Uint8Array(frames * height * width);
  for (let t = 0; t < frames; t++) {
    for (let y = y0; y < y0 + side; y++) data.fill(1, (t * height + y) * width + x0, (t * height + y) * width + x0 + side);
  }
  return { frames, height, width, data };
}
