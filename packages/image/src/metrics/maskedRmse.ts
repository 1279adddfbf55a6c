import type { ImageTensor } from '../io/ImageTensor.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';

/**
 * Root-mean-square error between two images over the missing pixels of `mask`, all channels pooled:
 * sqrt(Σ (a − b)² / (C · #missing)). Without a mask, over every pixel. Units are those of the values
 * (for images in [0, 1], an RMSE of 0.1 is 10 % of full scale, 25.5 grey levels of 255).
 * @param a, b data: [C, H, W], same shape.
 * @param mask data: [H, W], 1 = missing (the pixels scored).
 * @throws RangeError for different shapes or a mask with no missing pixel.
 */
export function maskedRmse(a: ImageTensor, b: ImageTensor, mask?: Mask): number {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new RangeError(
      `Images differ in shape: ${a.width}x${a.height}x${a.channels} vs ${b.width}x${b.height}x${b.channels}`,
    );
  }
  const plane = a.width * a.height;
  if (mask) assertMaskSize(mask, a.width, a.height);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < a.channels; c++) {
    const offset = c * plane;
    for (let p = 0; p < plane; p++) {
      if (mask && mask.data[p] === 0) continue;
      const e = a.data[offset + p] - b.data[offset + p];
      sum += e * e;
      count++;
    }
  }
  if (count === 0) throw new RangeError('The mask marks no missing pixel, so there is nothing to score');
  return Math.sqrt(sum / count);
}
