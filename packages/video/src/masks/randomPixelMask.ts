import { Rng } from '@ebm/core';
import type { VideoMask } from './VideoMask.js';

/**
 * Each pixel of each frame missing independently with probability `fraction` (the same pixel for all channels).
 * @returns [T, H, W], 1 = missing; a deterministic function of `seed`.
 */
export function randomPixelMask(frames: number, height: number, width: number, fraction: number, seed = 0): VideoMask {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`missing fraction must be in [0, 1], got ${fraction}`);
  const rng = new Rng(seed);
  const data = new Uint8Array(frames * height * width);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform() < fraction ? 1 : 0;
  return { frames, height, width, data };
}
