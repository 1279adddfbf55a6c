import type { Rng } from '@ebm/core';
import { gridHarmonicFill, type AxisWeights } from '../baselines/gridHarmonicFill.js';

/**
 * One exact draw of the missing entries of a Gaussian MRF on a [T, H, W] grid given observed entries equal to 0:
 * the zero-mean fluctuation of its conditional distribution, by perturb-and-MAP. Every term ½·w·(A_e x)² of the
 * energy ({@link AxisWeights}: first differences along time and within frames, second differences along time, the
 * Laplacian within frames) is
 * perturbed to ½·w·(A_e x − η_e)² with η_e ~ N(0, 1/w), and the perturbed energy is minimised over the missing
 * entries (conjugate gradients): the minimiser is distributed as N(0, Q_MM⁻¹), the conditional law. Added to the
 * conditional mean it is a posterior draw of the reference that Langevin steps at the reference's stiffness
 * (δ ≈ 1/√(8λ)) would need thousands of steps to reach for the slow, hole-sized modes.
 * @param missing [T, H, W], nonzero = missing.
 * @param weights precisions, 1/(units)²: the draw is in the units they are for.
 * @returns [T, H, W]: 0 at observed entries, the fluctuation at missing ones.
 */
export function gaussianMrfDraw(missing: Uint8Array, shape: readonly [number, number, number], weights: AxisWeights, rng: Rng): Float32Array {
  const [T, H, W] = shape;
  const plane = H * W;
  const n = T * plane;
  const source = new Float64Array(n);
  // Each term adds √w·ε·A_eᵀ: the difference stencil's coefficients times one normal number per term.
  const first = (i: number, j: number, w: number): void => {
    const s = Math.sqrt(w) * rng.normal();
    source[j] += s;
    source[i] -= s;
  };
  const c = weights.curvature ?? 0;
  const l = weights.laplacian ?? 0;
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = t * plane + y * W + x;
        if (weights.space) {
          if (x + 1 < W) first(i, i + 1, weights.space);
          if (y + 1 < H) first(i, i + W, weights.space);
        }
        if (weights.time && t + 1 < T) first(i, i + plane, weights.time);
        if (c && t > 0 && t + 1 < T) {
          const s = Math.sqrt(c) * rng.normal();
          source[i - plane] += s;
          source[i] -= 2 * s;
          source[i + plane] += s;
        }
        if (l && x > 0 && x + 1 < W && y > 0 && y + 1 < H) {
          const s = Math.sqrt(l) * rng.normal();
          source[i - 1] += s;
          source[i + 1] += s;
          source[i - W] += s;
          source[i + W] += s;
          source[i] -= 4 * s;
        }
      }
    }
  }
  const values = new Float32Array(n);
  // A draw needs no tighter solve than its own noise: 1e-4 of the right-hand side.
  gridHarmonicFill(values, missing, shape, weights, { source, tolerance: 1e-4, maxIterations: 1500 });
  return values;
}
