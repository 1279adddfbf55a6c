import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';
import type { SpaceTimeSmoothness } from './SpaceTimeSmoothness.js';

/** The median of d² is 0.455·Var(d) for Gaussian d (the median of a χ²₁ variable). */
const MEDIAN_CHI2_1 = 0.4549;

/**
 * The space-time reference's precisions fitted to clips by moment matching, per axis: λ_a = 1/(2·Var(d_a)) for the
 * differences d_a between neighbours along time (λ_t) and within frames (λ_s), in network units ([−1, 1], i.e.
 * 2 × the [0, 1] difference), all channels pooled; Var from the median of d² so the few large jumps at edges and
 * moving fronts (which the network, not the reference, should explain) do not count. Only pairs of two observed
 * pixels count. Each λ is clamped to [1, maxLambda].
 * @param clips [C, T, H, W] in [0, 1].
 * @param mask optional [T, H, W], 1 = missing (for the first clip; recovery learns from one clip).
 */
export function fitSmoothness(clips: readonly VideoTensor[], mask?: VideoMask, maxLambda = 1e4): SpaceTimeSmoothness {
  const time: number[] = [];
  const space: number[] = [];
  for (const clip of clips) {
    const { channels: C, frames: T, height: H, width: W, data } = clip;
    const plane = H * W;
    const seen = (i: number): boolean => !mask || mask.data[i] === 0;
    for (let c = 0; c < C; c++) {
      const base = c * T * plane;
      for (let t = 0; t < T; t++) {
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            const i = t * plane + y * W + x;
            if (!seen(i)) continue;
            const v = data[base + i];
            if (x + 1 < W && seen(i + 1)) space.push(4 * (data[base + i + 1] - v) ** 2);
            if (y + 1 < H && seen(i + W)) space.push(4 * (data[base + i + W] - v) ** 2);
            if (t + 1 < T && seen(i + plane)) time.push(4 * (data[base + i + plane] - v) ** 2);
          }
        }
      }
    }
  }
  return { time: robustPrecision(time, maxLambda), space: robustPrecision(space, maxLambda) };
}

/** 1/(2·Var) with Var from the median of the squares; 1 when there are no pairs; clamped to [1, maxLambda]. */
function robustPrecision(squares: number[], maxLambda: number): number {
  if (squares.length === 0) return 1;
  const sorted = Float64Array.from(squares).sort();
  const variance = sorted[sorted.length >> 1] / MEDIAN_CHI2_1;
  return Math.min(maxLambda, Math.max(1, 1 / (2 * Math.max(variance, 1e-12))));
}
