import type { ImageTensor } from '../io/ImageTensor.js';
import { luminance } from './luminance.js';

/**
 * Normalised histogram of grey levels (see {@link luminance}) over [0, 1] in `bins` equal bins; values
 * outside [0, 1] go to the end bins.
 * @param image data: [C, H, W] in [0, 1].
 * @returns [bins] summing to 1; bin i covers [i/bins, (i+1)/bins).
 */
export function greyHistogram(image: ImageTensor, bins = 64): Float64Array {
  const grey = luminance(image);
  const histogram = new Float64Array(bins);
  for (let p = 0; p < grey.length; p++) {
    const v = grey[p];
    const i = v >= 1 ? bins - 1 : v > 0 ? Math.floor(v * bins) : 0;
    histogram[i]++;
  }
  for (let i = 0; i < bins; i++) histogram[i] /= grey.length;
  return histogram;
}
