import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * Mean absolute error per value over the missing pixels (all channels), clip values in [0, 1].
 * @param a, b [C, T, H, W] of the same shape; mask [T, H, W], 1 = missing.
 * @returns NaN when nothing is missing.
 */
export function maskedMae(a: VideoTensor, b: VideoTensor, mask: VideoMask): number {
  if (a.data.length !== b.data.length) throw new RangeError('clips of different shapes cannot be compared');
  const n = mask.data.length;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (!mask.data[i % n]) continue;
    sum += Math.abs(a.data[i] - b.data[i]);
    count++;
  }
  return count ? sum / count : NaN;
}
