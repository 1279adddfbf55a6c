import { holeRadius } from '../masks/holeRadius.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * What an EBM recovery returns: 'mean', an estimate of the posterior mean of the missing pixels (lowest expected
 * error; a blur inside large holes); 'sample', one posterior draw (texture and motion
 * inside large holes, at a higher error); 'auto', chosen from the mask by {@link resolveEstimate}.
 */
export type RecoveryEstimateChoice = 'auto' | 'mean' | 'sample';

/** Largest hole radius (pixels within a frame) for which 'auto' is the posterior mean. */
export const MEAN_ESTIMATE_MAX_RADIUS = 4;

/**
 * 'mean' or 'sample': `estimate` itself, or for 'auto' (and undefined) 'mean' when every missing pixel of a partly
 * observed frame is within {@link MEAN_ESTIMATE_MAX_RADIUS} px of an observed one (scattered pixels, whole missing
 * frames), else 'sample' (occlusions, where the mean would be a still blur).
 */
export function resolveEstimate(estimate: RecoveryEstimateChoice | undefined, mask: VideoMask): 'mean' | 'sample' {
  if (estimate === 'mean' || estimate === 'sample') return estimate;
  return holeRadius(mask) <= MEAN_ESTIMATE_MAX_RADIUS ? 'mean' : 'sample';
}
