import { fillNoise, type NoiseInit, type Rng } from '@ebm/core';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';

/** How missing pixels start before sampling. */
export type InpaintStart =
  /** The model's chain noise (what short-run training starts from). */
  | 'noise'
  /** Harmonic (Laplace) interpolation of the observed pixels, without noise. */
  | 'harmonic'
  /**
   * Harmonic interpolation plus zero-mean Gaussian noise of the chain noise's std: the local brightness of the
   * surroundings, and the noise a short-run sampler learned to turn into texture.
   */
  | 'harmonic+noise';

/**
 * The observed-pixel indicator for core's `observedMask` constraint: 1 = observed, 0 = missing.
 * @param mask [H, W], 1 = missing (the image package's convention).
 * @returns [C, H, W] of 0/1.
 */
export function observedIndicator(mask: Mask, channels: number): Uint8Array {
  const plane = mask.width * mask.height;
  const out = new Uint8Array(channels * plane);
  for (let c = 0; c < channels; c++) for (let p = 0; p < plane; p++) out[c * plane + p] = mask.data[p] ? 0 : 1;
  return out;
}

/**
 * Start states of `n` inpainting chains, network units: observed pixels as given, missing ones from `start`.
 * @param image [C, H, W] in [0, 1]; values under the mask are ignored.
 * @param mask [H, W], 1 = missing.
 * @returns [n, C, H, W].
 */
export function inpaintingStart(
  image: ImageTensor,
  mask: Mask,
  normalisation: Normalisation,
  n: number,
  start: InpaintStart,
  noise: NoiseInit,
  rng: Rng,
): Float32Array {
  const base = normaliseImage(normalisation, start === 'noise' ? image : harmonicInpaint(image, mask));
  const observed = observedIndicator(mask, image.channels);
  const D = base.length;
  const x = new Float32Array(n * D);
  const fresh = new Float32Array(D);
  for (let k = 0; k < n; k++) {
    if (start === 'harmonic') {
      x.set(base, k * D);
      continue;
    }
    fillNoise(fresh, rng, start === 'noise' ? noise : { kind: 'gaussian', mean: 0, std: noiseStd(noise) });
    for (let i = 0; i < D; i++) x[k * D + i] = observed[i] ? base[i] : start === 'noise' ? fresh[i] : base[i] + fresh[i];
  }
  return x;
}

/** The standard deviation of a chain-noise distribution (uniform on [lo, hi): (hi − lo)/√12), core's defaults filled in. */
function noiseStd(noise: NoiseInit): number {
  return noise.kind === 'gaussian' ? (noise.std ?? 1) : ((noise.hi ?? 1) - (noise.lo ?? -1)) / Math.sqrt(12);
}
