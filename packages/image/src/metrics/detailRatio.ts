import type { ImageTensor } from '../io/ImageTensor.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';

/** Root mean square of the 5-point discrete Laplacian 4x_p − Σ x_q over the missing pixels of `mask` (all channels). */
function laplacianRms(image: ImageTensor, mask: Mask): number {
  const { width: W, height: H, channels: C, data } = image;
  let sum = 0;
  let count = 0;
  for (let c = 0; c < C; c++) {
    const o = c * W * H;
    for (let y = 1; y < H - 1; y++) {
      for (let x = 1; x < W - 1; x++) {
        if (!mask.data[y * W + x]) continue;
        const p = o + y * W + x;
        const l = 4 * data[p] - data[p - 1] - data[p + 1] - data[p - W] - data[p + W];
        sum += l * l;
        count++;
      }
    }
  }
  return count ? Math.sqrt(sum / count) : 0;
}

/**
 * How much fine detail an inpainting puts into the missing region, relative to the truth: the RMS of the discrete
 * Laplacian over the missing pixels of `recovered`, divided by the same for `truth` (image borders skipped).
 * Harmonic interpolation scores 0 (its Laplacian vanishes there by construction), a blur well under 1, a texture
 * as detailed as the original about 1, added noise above 1. Dimensionless.
 * @param recovered, truth [C, H, W], same shape.
 * @param mask [H, W], 1 = missing (the pixels scored).
 * @returns the ratio, or NaN when the original is flat under the mask (no detail to compare with).
 * @throws RangeError for different shapes.
 */
export function detailRatio(recovered: ImageTensor, truth: ImageTensor, mask: Mask): number {
  if (recovered.width !== truth.width || recovered.height !== truth.height || recovered.channels !== truth.channels) {
    throw new RangeError(`Images differ in shape: ${recovered.width}x${recovered.height}x${recovered.channels} vs ${truth.width}x${truth.height}x${truth.channels}`);
  }
  assertMaskSize(mask, truth.width, truth.height);
  const reference = laplacianRms(truth, mask);
  if (reference === 0) return Number.NaN;
  return laplacianRms(recovered, mask) / reference;
}
