import { holeRadius } from '../masks/holeRadius.js';
import type { Mask } from '../masks/Mask.js';

/**
 * What an EBM inpainting returns: 'mean', an estimate of the posterior mean E[x_missing | x_observed] (the lowest
 * expected error; sharp when every missing pixel is near observed ones, a blur inside large holes); 'sample', one
 * draw from the posterior (a texture, also inside large holes, at a higher error); 'auto', chosen from the mask by
 * {@link resolveEstimate}.
 */
export type InpaintingEstimate = 'auto' | 'mean' | 'sample';

/**
 * Largest hole radius ({@link holeRadius}, pixels) for which 'auto' is the posterior mean: with a random 50 % mask
 * almost every missing pixel touches an observed one (radius 1, now and then 2).
 */
export const MEAN_ESTIMATE_MAX_RADIUS = 2;

/** 'mean' or 'sample': `estimate` itself, or for 'auto' (and undefined) 'mean' iff holeRadius(mask) ≤ MEAN_ESTIMATE_MAX_RADIUS. */
export function resolveEstimate(estimate: InpaintingEstimate | undefined, mask: Mask): 'mean' | 'sample' {
  if (estimate === 'mean' || estimate === 'sample') return estimate;
  return holeRadius(mask) <= MEAN_ESTIMATE_MAX_RADIUS ? 'mean' : 'sample';
}
