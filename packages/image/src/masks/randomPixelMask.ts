import { Rng } from '@ebm/core';
import type { Mask } from './Mask.js';

/**
 * A mask with exactly round(fraction · W · H) missing pixels at uniformly random places
 * (partial Fisher-Yates shuffle, so the fraction is exact rather than only expected).
 * @param fraction share of missing pixels, in [0, 1].
 * @returns data: [H, W], 1 = missing.
 */
export function randomPixelMask(width: number, height: number, fraction: number, seed = 0): Mask {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`Mask fraction ${fraction} is not in [0, 1]`);
  const n = width * height;
  const missing = Math.round(fraction * n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = new Rng(seed);
  const data = new Uint8Array(n);
  for (let i = 0; i < missing; i++) {
    const j = i + random.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
    data[order[i]] = 1;
  }
  return { data, width, height };
}
