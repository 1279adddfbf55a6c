import type { ImageTensor } from '../io/ImageTensor.js';
import { radialPowerSpectrum, type PowerSpectrum } from './radialPowerSpectrum.js';

/**
 * Distance between two radially averaged power spectra: the root-mean-square difference of their log power
 * over the bins filled in both, sqrt(mean_i (ln Pa_i − ln Pb_i)²). Unit: natural-log power (nepers);
 * 0.69 means the spectra differ by a factor 2 on average. Scale-free: multiplying an image's contrast by k
 * moves it by |2 ln k|.
 * @param a, b spectra with the same number of bins.
 * @throws RangeError when the bin counts differ or no bin is filled in both.
 */
export function spectrumDistance(a: PowerSpectrum, b: PowerSpectrum): number {
  if (a.logPower.length !== b.logPower.length) {
    throw new RangeError(`Spectra have ${a.logPower.length} and ${b.logPower.length} bins; compute both with the same bins`);
  }
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.logPower.length; i++) {
    const d = a.logPower[i] - b.logPower[i];
    if (Number.isNaN(d)) continue;
    sum += d * d;
    count++;
  }
  if (count === 0) throw new RangeError('The spectra share no filled frequency bin; the images are too small');
  return Math.sqrt(sum / count);
}

/**
 * {@link spectrumDistance} between the radially averaged power spectra of two images (any sizes).
 * @param a, b data: [C, H, W] in [0, 1].
 * @param bins annuli over (0, 0.5] cycles/pixel; default 32.
 */
export function powerSpectrumDistance(a: ImageTensor, b: ImageTensor, bins = 32): number {
  return spectrumDistance(radialPowerSpectrum(a, bins), radialPowerSpectrum(b, bins));
}
