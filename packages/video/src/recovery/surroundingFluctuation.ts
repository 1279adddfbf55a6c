import { symmetricEigen, type Rng } from '@ebm/core';
import { gaussianMrfDraw } from '../energy/gaussianMrfDraw.js';
import { matchMrfMoments, type DifferenceMoments } from '../energy/matchMrfMoments.js';
import type { VideoMask } from '../masks/VideoMask.js';

/** How far (frames and pixels, a box) from a missing pixel an observed one counts as its surroundings. */
export const SURROUNDING_RADIUS = 6;

/**
 * A random fluctuation for the missing pixels that moves and varies like the video around them: zero at observed
 * pixels, and at missing ones a draw from the conditional law of a Gaussian MRF (given zeros at the observed pixels)
 * per principal colour axis of the observed pixels. Each axis's MRF has the precisions whose draws have the mean
 * squared frame-to-frame and neighbour differences of that colour coordinate over the observed pixels within
 * {@link SURROUNDING_RADIUS} of the hole ({@link matchMrfMoments}). Added to a posterior mean it gives a posterior-like
 * draw: grey smoke gets grey fluctuation (its chroma axes do not vary), a still background almost none.
 * @param x [C, T, H, W] network units; read at observed pixels only.
 * @param mask [T, H, W], 1 = missing.
 * @returns [C, T, H, W] network units, 0 at observed pixels.
 */
export function surroundingFluctuation(x: Float32Array, mask: VideoMask, channels: number, rng: Rng): Float32Array {
  const { frames: T, height: H, width: W } = mask;
  const n = T * H * W;
  const C = channels;
  const near = dilate(mask, SURROUNDING_RADIUS);
  // Principal axes of the observed colours.
  const mean = new Float64Array(C);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask.data[i]) continue;
    count++;
    for (let c = 0; c < C; c++) mean[c] += x[c * n + i];
  }
  for (let c = 0; c < C; c++) mean[c] /= Math.max(count, 1);
  const covariance = new Float64Array(C * C);
  for (let i = 0; i < n; i++) {
    if (mask.data[i]) continue;
    for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) covariance[a * C + b] += (x[a * n + i] - mean[a]) * (x[b * n + i] - mean[b]);
  }
  const { vectors } = symmetricEigen(covariance, C);
  const out = new Float32Array(C * n);
  const coordinate = new Float32Array(n);
  for (let k = 0; k < C; k++) {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let c = 0; c < C; c++) v += vectors[c * C + k] * x[c * n + i];
      coordinate[i] = v;
    }
    const weights = matchMrfMoments(surroundingMoments(coordinate, mask, near), [T, H, W]);
    const draw = gaussianMrfDraw(mask.data, [T, H, W], weights, rng);
    for (let c = 0; c < C; c++) for (let i = 0; i < n; i++) out[c * n + i] += vectors[c * C + k] * draw[i];
  }
  return out;
}

/**
 * The {@link DifferenceMoments} of one [T, H, W] channel over the stencils (neighbour pairs, three consecutive frames,
 * a pixel and its 4 neighbours) whose pixels are all observed and all in `near`; 0 for a moment with no stencil.
 */
export function surroundingMoments(v: Float32Array, mask: VideoMask, near: Uint8Array): DifferenceMoments {
  const { frames: T, height: H, width: W } = mask;
  const plane = H * W;
  const counted = (i: number): boolean => near[i] === 1 && mask.data[i] === 0;
  const sum = { time: 0, space: 0, curvature: 0, laplacian: 0 };
  const count = { time: 0, space: 0, curvature: 0, laplacian: 0 };
  const add = (k: keyof DifferenceMoments, d: number): void => {
    sum[k] += d * d;
    count[k]++;
  };
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = t * plane + y * W + x;
        if (!counted(i)) continue;
        if (x + 1 < W && counted(i + 1)) add('space', v[i + 1] - v[i]);
        if (y + 1 < H && counted(i + W)) add('space', v[i + W] - v[i]);
        if (t + 1 < T && counted(i + plane)) add('time', v[i + plane] - v[i]);
        if (t > 0 && t + 1 < T && counted(i - plane) && counted(i + plane)) add('curvature', v[i - plane] - 2 * v[i] + v[i + plane]);
        if (x > 0 && x + 1 < W && y > 0 && y + 1 < H && counted(i - 1) && counted(i + 1) && counted(i - W) && counted(i + W)) {
          add('laplacian', v[i - 1] + v[i + 1] + v[i - W] + v[i + W] - 4 * v[i]);
        }
      }
    }
  }
  const mean = (k: keyof DifferenceMoments): number => (count[k] ? sum[k] / count[k] : 0);
  return { time: mean('time'), space: mean('space'), curvature: mean('curvature'), laplacian: mean('laplacian') };
}

/** 1 where a missing pixel lies within a box of ±r frames and ±r pixels, else 0 ([T, H, W]). */
function dilate(mask: VideoMask, r: number): Uint8Array {
  const { frames: T, height: H, width: W } = mask;
  let a = Uint8Array.from(mask.data, (m) => (m ? 1 : 0));
  const strides = [H * W, W, 1];
  const lengths = [T, H, W];
  for (let axis = 0; axis < 3; axis++) {
    const b = new Uint8Array(a.length);
    const s = strides[axis];
    const len = lengths[axis];
    for (let i = 0; i < a.length; i++) {
      if (!a[i]) continue;
      const pos = Math.floor(i / s) % len;
      for (let d = -r; d <= r; d++) if (pos + d >= 0 && pos + d < len) b[i + d * s] = 1;
    }
    a = b;
  }
  return a;
}
