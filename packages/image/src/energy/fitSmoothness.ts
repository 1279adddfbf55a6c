import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';
import type { Smoothness } from './smoothReference.js';
import { symmetricEigen } from '@ebm/core';

/** Largest ratio of the colour precision's eigenvalues in {@link fitSmoothnessPrecision}. */
export const MAX_CONDITION = 25;

/** The median of d² is 0.455·Var(d) for Gaussian d (the median of a χ²₁ variable). */
const MEDIAN_CHI2_1 = 0.4549;

/**
 * Differences x_q − x_p over 4-neighbour pairs of two observed pixels, in network units.
 * @returns [pairs, C] row-major (float64) and the channel count C.
 */
function neighbourDifferences(images: readonly ImageTensor[], normalisation: Normalisation, mask?: Mask): { d: Float64Array; channels: number } {
  const channels = images[0]?.channels ?? 1;
  const out: number[] = [];
  for (const image of images) {
    const x = normaliseImage(normalisation, image);
    const { width: W, height: H, channels: C } = image;
    const observed = (p: number): boolean => !mask || mask.data[p] === 0;
    const push = (p: number, q: number): void => {
      for (let c = 0; c < C; c++) out.push(x[c * W * H + q] - x[c * W * H + p]);
    };
    for (let y = 0; y < H; y++) {
      for (let x0 = 0; x0 < W; x0++) {
        const p = y * W + x0;
        if (!observed(p)) continue;
        if (x0 + 1 < W && observed(p + 1)) push(p, p + 1);
        if (y + 1 < H && observed(p + W)) push(p, p + W);
      }
    }
  }
  return { d: Float64Array.from(out), channels };
}

/** Robust variance of samples from the median of their squares; clamps 1/(2·variance) to [1, maxLambda]. */
function robustPrecision(squares: Float64Array, maxLambda: number): number {
  if (squares.length === 0) return 1;
  const sorted = Float64Array.from(squares).sort();
  const variance = sorted[sorted.length >> 1] / MEDIAN_CHI2_1;
  return Math.min(maxLambda, Math.max(1, 1 / (2 * Math.max(variance, 1e-12))));
}

/**
 * The precision λ of the smooth (Gaussian MRF) reference fitted to images by moment matching: on an infinite
 * grid the field with energy (λ/2)·Σ(x_p − x_q)² has E[(x_p − x_q)²] = 1/(2λ) for 4-neighbours (each edge has
 * effective resistance ½), so λ = 1 / (2·Var(d)), with Var(d) estimated robustly from the median of d², all
 * channels pooled. The median ignores the few large jumps at edges (mortar, cracks), which the network, not the
 * reference, should explain.
 * @param images [C, H, W] in [0, 1]; differences are taken in network units after `normalisation`.
 * @param mask optional [H, W], 1 = missing: only pairs of two observed pixels count.
 * @returns λ in 1/(network units)², at least 1 and at most `maxLambda` (default 1e4).
 */
export function fitSmoothness(images: readonly ImageTensor[], normalisation: Normalisation, mask?: Mask, maxLambda = 1e4): number {
  const { d } = neighbourDifferences(images, normalisation, mask);
  return robustPrecision(d.map((v) => v * v), maxLambda);
}

/**
 * The smooth reference fitted with colour: for grey images the scalar λ of {@link fitSmoothness}; for C > 1 a C×C
 * precision P of the neighbour differences, (1/2)·Σ dᵀPd, fitted per principal direction u_k of the differences
 * (λ_k = 1/(2·Var(u_kᵀd)), robust as above, clamped to [1, maxLambda] and to at most {@link MAX_CONDITION} times the
 * smallest λ_k) and P = Σ λ_k u_k u_kᵀ. In a grey or
 * nearly grey texture the chroma directions barely vary, so they get the largest precision: recovered and
 * synthesized pixels keep the colours of the data instead of drifting into hues it never had.
 * @param images [C, H, W] in [0, 1], all with the same C.
 * @param mask optional [H, W], 1 = missing: only pairs of two observed pixels count.
 * @returns λ (C = 1) or P as C×C row-major, in 1/(network units)².
 */
export function fitSmoothnessPrecision(images: readonly ImageTensor[], normalisation: Normalisation, mask?: Mask, maxLambda = 1e4): Smoothness {
  const { d, channels: C } = neighbourDifferences(images, normalisation, mask);
  if (C === 1) return robustPrecision(d.map((v) => v * v), maxLambda);
  const pairs = d.length / C;
  const second = new Array<number>(C * C).fill(0);
  for (let i = 0; i < pairs; i++) {
    for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) second[a * C + b] += (d[i * C + a] * d[i * C + b]) / Math.max(1, pairs);
  }
  const { vectors } = symmetricEigen(second, C);
  const precision = new Array<number>(C * C).fill(0);
  const directions: { u: number[]; lambda: number }[] = [];
  for (let k = 0; k < C; k++) {
    const u = Array.from({ length: C }, (_, a) => vectors[a * C + k]);
    const squares = new Float64Array(pairs);
    for (let i = 0; i < pairs; i++) {
      let s = 0;
      for (let a = 0; a < C; a++) s += u[a] * d[i * C + a];
      squares[i] = s * s;
    }
    directions.push({ u, lambda: robustPrecision(squares, maxLambda) });
  }
  // The Langevin step is set by the stiffest direction; capping the condition number keeps the softest (usually
  // the grey level) moving at least 1/√MAX_CONDITION of its own stable step.
  const softest = Math.min(...directions.map((d) => d.lambda));
  for (const { u, lambda } of directions) {
    const capped = Math.min(lambda, MAX_CONDITION * softest);
    for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) precision[a * C + b] += capped * u[a] * u[b];
  }
  return precision;
}
