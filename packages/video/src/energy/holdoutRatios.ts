import { Rng } from '@ebm/core';
import { gridHarmonicFill } from '../baselines/gridHarmonicFill.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { fullyMissingFrames, type VideoMask } from '../masks/VideoMask.js';

/** The ratios λ_t/λ_s tried, from a per-frame fill (0) to nearly pure temporal interpolation (1024). */
export const TIME_RATIOS = [0, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 16, 64, 256, 1024] as const;

/** The ratios λ_c/λ_t of the temporal curvature term tried once λ_t/λ_s is chosen (0: none). */
export const CURVATURE_RATIOS = [0, 0.5, 2, 8, 32] as const;

/** The reference's precisions relative to λ_s, chosen by held-out prediction: time = λ_t/λ_s, curvature = λ_c/λ_s. */
export interface ReferenceRatios {
  time: number;
  curvature: number;
}

/** Fraction of the observed pixels held out when no whole frame is missing. */
const HOLDOUT_FRACTION = 0.1;

/**
 * The ratios λ_t/λ_s and λ_c/λ_s of the space-time reference that best predict held-out observed pixels of the clip
 * itself: the pixels are hidden and filled with the reference's conditional mean (gridHarmonicFill) for each of
 * {@link TIME_RATIOS} (no curvature), then, at the best of those, for each of {@link CURVATURE_RATIOS}; the lowest mean
 * absolute error on the held-out pixels wins. What is held out mimics what is
 * missing: when whole frames are missing, a block of as many observed frames (with observed frames on both sides,
 * inside the longest observed run); otherwise 10 % of the observed pixels at random. Luminance (the channel mean) is
 * used. This decides, from the observed data alone, how much a missing pixel should trust the frames before and after
 * it against its neighbours in the frame.
 * @param video [C, T, H, W] in [0, 1]; mask [T, H, W], 1 = missing.
 * @returns the ratios, or undefined when nothing can be held out (e.g. too few observed frames).
 */
export function holdoutRatios(video: VideoTensor, mask: VideoMask, seed = 0): ReferenceRatios | undefined {
  const { frames: T, height: H, width: W, channels: C } = video;
  const plane = H * W;
  const n = T * plane;
  const held = new Uint8Array(n);
  const whole = new Set(fullyMissingFrames(mask));
  if (whole.size > 0) {
    const block = heldOutFrames(T, whole);
    if (!block) return undefined;
    for (let t = block.start; t < block.start + block.length; t++) {
      for (let p = 0; p < plane; p++) if (!mask.data[t * plane + p]) held[t * plane + p] = 1;
    }
  } else {
    const rng = new Rng(seed);
    for (let i = 0; i < n; i++) if (!mask.data[i] && rng.uniform() < HOLDOUT_FRACTION) held[i] = 1;
  }
  const hidden = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    hidden[i] = mask.data[i] || held[i] ? 1 : 0;
    count += held[i];
  }
  if (count === 0) return undefined;
  const luminance = new Float32Array(n);
  for (let c = 0; c < C; c++) for (let i = 0; i < n; i++) luminance[i] += video.data[c * n + i] / C;
  const heldOutError = (time: number, curvature: number): number => {
    const filled = luminance.slice();
    gridHarmonicFill(filled, hidden, [T, H, W], { time, space: 1, curvature });
    let error = 0;
    for (let i = 0; i < n; i++) if (held[i]) error += Math.abs(filled[i] - luminance[i]);
    return error;
  };
  let best: ReferenceRatios = { time: 0, curvature: 0 };
  let bestError = Infinity;
  for (const time of TIME_RATIOS) {
    const error = heldOutError(time, 0);
    if (error < bestError) (bestError = error), (best = { time, curvature: 0 });
  }
  // Curvature only acts along time; with no temporal coupling there is nothing to bend.
  if (best.time > 0) {
    for (const c of CURVATURE_RATIOS.slice(1)) {
      const error = heldOutError(best.time, c * best.time);
      if (error < bestError) (bestError = error), (best = { time: best.time, curvature: c * best.time });
    }
  }
  return best;
}

/**
 * A run of observed frames to hide, as long as the longest run of missing frames (shortened to fit), centred in the
 * longest run of observed frames and leaving an observed frame on each side.
 */
function heldOutFrames(T: number, missing: ReadonlySet<number>): { start: number; length: number } | undefined {
  let longestMissing = 0;
  let run = 0;
  let bestObserved = { start: 0, length: 0 };
  let observedStart = 0;
  for (let t = 0; t <= T; t++) {
    const isMissing = t < T && missing.has(t);
    run = isMissing ? run + 1 : 0;
    longestMissing = Math.max(longestMissing, run);
    if (t === T || isMissing) {
      const length = t - observedStart;
      if (length > bestObserved.length) bestObserved = { start: observedStart, length };
      observedStart = t + 1;
    }
  }
  // Two observed frames stay on each side where the run allows (a curvature term then sees the slope there as it does
  // at the real gap), else one.
  const margin = bestObserved.length - 4 >= 1 ? 4 : 2;
  const length = Math.min(longestMissing, bestObserved.length - margin);
  if (length < 1) return undefined;
  return { start: bestObserved.start + Math.floor((bestObserved.length - length) / 2), length };
}
