import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';

/**
 * The precision λ of the smooth (Gaussian MRF) reference fitted to images by moment matching: on an infinite
 * grid the field with energy (λ/2)·Σ(x_p − x_q)² has E[(x_p − x_q)²] = 1/(2λ) for 4-neighbours (each edge has
 * effective resistance ½), so λ = 1 / (2·Var(d)), with Var(d) estimated robustly from the median of d².
 * @param images [C, H, W] in [0, 1]; differences are taken in network units after `normalisation`.
 * @param mask optional [H, W], 1 = missing: only pairs of two observed pixels count.
 * @returns λ in 1/(network units)², at least 1 and at most `maxLambda` (default 1e4).
 */
export function fitSmoothness(images: readonly ImageTensor[], normalisation: Normalisation, mask?: Mask, maxLambda = 1e4): number {
  const squares: number[] = [];
  for (const image of images) {
    const x = normaliseImage(normalisation, image);
    const { width: W, height: H, channels: C } = image;
    const observed = (p: number): boolean => !mask || mask.data[p] === 0;
    for (let c = 0; c < C; c++) {
      const base = c * W * H;
      for (let y = 0; y < H; y++) {
        for (let x0 = 0; x0 < W; x0++) {
          const p = y * W + x0;
          if (!observed(p)) continue;
          if (x0 + 1 < W && observed(p + 1)) {
            const d = x[base + p + 1] - x[base + p];
            squares.push(d * d);
          }
          if (y + 1 < H && observed(p + W)) {
            const d = x[base + p + W] - x[base + p];
            squares.push(d * d);
          }
        }
      }
    }
  }
  if (squares.length === 0) return 1;
  squares.sort((a, b) => a - b);
  // The median of d² is 0.455·Var(d) for Gaussian d; it ignores the few large jumps at edges (mortar, cracks),
  // which the network, not the reference, should explain.
  const median = squares[squares.length >> 1];
  const variance = median / 0.4549;
  return Math.min(maxLambda, Math.max(1, 1 / (2 * Math.max(variance, 1e-12))));
}
