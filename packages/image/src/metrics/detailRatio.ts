import type { ImageTensor } from '../io/ImageTensor.js';
import { dilateMask } from '../masks/dilateMask.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';

/**
 * Margin of the quality tables' detail window, pixels: the hole grown by 2 px on every side, a window 4 px wider
 * than the hole (36×36 for a 32×32 hole), so a seam at the hole's border counts.
 */
export const DETAIL_WINDOW_MARGIN = 2;

/** Standard deviation of the 5-point discrete Laplacian 4x_p − Σ x_q over the marked pixels of `window` (all channels). */
function laplacianStd(image: ImageTensor, window: Mask): number {
  const { width: W, height: H, channels: C, data } = image;
  let sum = 0;
  let sumSquares = 0;
  let count = 0;
  for (let c = 0; c < C; c++) {
    const o = c * W * H;
    for (let y = 1; y < H - 1; y++) {
      for (let x = 1; x < W - 1; x++) {
        if (!window.data[y * W + x]) continue;
        const p = o + y * W + x;
        const l = 4 * data[p] - data[p - 1] - data[p + 1] - data[p - W] - data[p + W];
        sum += l;
        sumSquares += l * l;
        count++;
      }
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
}

/**
 * How much fine detail an inpainting has around and in the missing region, relative to the truth: the standard
 * deviation of the discrete Laplacian of `recovered` over the missing pixels grown by `margin` px
 * ({@link dilateMask}), divided by the same for `truth` (image borders skipped). Harmonic interpolation has no
 * Laplacian inside the hole, so it scores 0 with margin 0 and about the share of the ring with margin 2 (≈ 0.5); a
 * texture as detailed as the original scores about 1; noise, a checkerboard or a seam at the border score 2 and more.
 * Dimensionless.
 * @param recovered, truth [C, H, W], same shape.
 * @param mask [H, W], 1 = missing.
 * @param margin pixels added around the missing region; default 0 (the missing pixels alone).
 * @returns the ratio, or NaN when the original is flat over the window (no detail to compare with).
 * @throws RangeError for different shapes.
 */
export function detailRatio(recovered: ImageTensor, truth: ImageTensor, mask: Mask, margin = 0): number {
  if (recovered.width !== truth.width || recovered.height !== truth.height || recovered.channels !== truth.channels) {
    throw new RangeError(`Images differ in shape: ${recovered.width}x${recovered.height}x${recovered.channels} vs ${truth.width}x${truth.height}x${truth.channels}`);
  }
  assertMaskSize(mask, truth.width, truth.height);
  const window = margin > 0 ? dilateMask(mask, margin) : mask;
  const reference = laplacianStd(truth, window);
  if (reference === 0) return Number.NaN;
  return laplacianStd(recovered, window) / reference;
}
