import type { ImageTensor } from '../io/ImageTensor.js';
import { greyHistogram } from './greyHistogram.js';

/**
 * Grey-level histogram distance: the earth mover's (Wasserstein-1) distance between the normalised
 * 64-bin luminance histograms of two images, Σᵢ |CDF_a(i) − CDF_b(i)| · (1/bins).
 * Unit: grey level in [0, 1]; it is the average distance grey mass must move, so shifting every grey value
 * by 0.1 gives 0.1 (to within a bin, 1/64), and it stays informative for histograms that do not overlap
 * (where an L1 distance saturates at 2). Images may differ in size.
 * @param a, b data: [C, H, W] in [0, 1].
 * @returns a distance in [0, 1]; 0 for equal histograms.
 */
export function histogramDistance(a: ImageTensor, b: ImageTensor, bins = 64): number {
  const ha = greyHistogram(a, bins);
  const hb = greyHistogram(b, bins);
  let cdfDifference = 0;
  let distance = 0;
  for (let i = 0; i < bins - 1; i++) {
    cdfDifference += ha[i] - hb[i];
    distance += Math.abs(cdfDifference);
  }
  return distance / bins;
}
