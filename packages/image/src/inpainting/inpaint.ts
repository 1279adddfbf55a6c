import { observedMask, Rng } from '@ebm/core';
import type { ImageTensor } from '../io/ImageTensor.js';
import { denormaliseImage, normaliseImage } from '../io/Normalisation.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';
import { chainNoise, imageEnergyFn, imageSampler, type ImageModel } from '../model/ImageModel.js';
import { assertFiniteEnergy, assertFiniteSamples } from '../synthesis/SamplingDivergedError.js';
import type { StepProgress } from '../synthesis/synthesize.js';
import { resolveEstimate, type InpaintingEstimate } from './inpaintingEstimate.js';
import { observedRange } from './observedRange.js';
import { inpaintingStart, observedIndicator, type InpaintStart } from './observedValues.js';

/** Recoveries averaged by {@link inpaint}'s 'mean' estimate. */
export const MODEL_MEAN_SAMPLES = 8;

/** Options of {@link inpaint}. */
export interface InpaintOptions {
  /**
   * Sampler steps; default: for a hole ('sample') with a model trained with fill chains, the preset's (what its fill
   * chains ran in training), else twice the preset's.
   */
  steps?: number;
  /** Sampler step size (Langevin δ / SGLD α); default the preset's. */
  stepSize?: number;
  /**
   * What the result is: 'mean', {@link MODEL_MEAN_SAMPLES} recoveries started at harmonic interpolation and averaged
   * (an estimate of the conditional mean: lowest error, sharp for scattered missing pixels); 'sample', one recovery
   * started from the model's noise (a texture, also in large holes); 'auto' (default), 'mean' when no missing pixel is
   * more than MEAN_ESTIMATE_MAX_RADIUS (inpaintingEstimate.ts) pixels from an observed one, else 'sample'. `samples` and `start` override.
   */
  estimate?: InpaintingEstimate;
  /** Independent recoveries averaged into the result; default by `estimate`. */
  samples?: number;
  /**
   * How missing pixels start; default 'harmonic' for the mean, and for a sample 'harmonic+noise' with a model trained
   * with fill chains (where its fill chains started), else 'noise' (where its synthesis chains started).
   */
  start?: InpaintStart;
  /** Noise-free steps after sampling (energy descent toward a nearby mode); default 0. */
  descentSteps?: number;
  /** Seed of the start noise and the sampler; default 0. */
  seed?: number;
  onStep?: StepProgress;
}

/**
 * Inpainting by conditional sampling: runs the model's sampler on the missing pixels while the observed ones
 * are held fixed (core's observedMask constraint), i.e. draws from p(x_missing | x_observed) ∝ exp(−E(x)).
 * @param image [C, H, W] in [0, 1], with the model's channel count; values under the mask are ignored.
 * @param mask [H, W], 1 = missing, the image's size.
 * @returns [C, H, W] in [0, 1]: observed pixels exactly as given, missing ones recovered.
 * @throws RangeError for a mask or channel mismatch; SamplingDivergedError when the chains stop being finite.
 */
export async function inpaint(m: ImageModel, image: ImageTensor, mask: Mask, options: InpaintOptions = {}): Promise<ImageTensor> {
  assertMaskSize(mask, image.width, image.height);
  if (image.channels !== m.channels) {
    throw new RangeError(`image has ${image.channels} channel(s), the model ${m.channels} (read the image with channels: ${m.channels})`);
  }
  const estimate = resolveEstimate(options.estimate, mask);
  const samples = options.samples ?? (estimate === 'mean' ? MODEL_MEAN_SAMPLES : 1);
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples ${samples} is not a whole number ≥ 1`);
  const { width, height } = image;
  const energy = imageEnergyFn(m, width, height);
  const learnedFilling = estimate === 'sample' && (m.preset.training.fillChains ?? 0) > 0;
  const presetSteps = Number(m.preset.sampler.options.steps);
  const steps = options.steps ?? (learnedFilling ? presetSteps : 2 * presetSteps);
  const sampler = imageSampler(m, { steps, stepSize: options.stepSize });
  const rng = new Rng(options.seed ?? 0);
  const start = options.start ?? (estimate === 'mean' ? 'harmonic' : learnedFilling ? 'harmonic+noise' : 'noise');
  const x = inpaintingStart(image, mask, m.normalisation, samples, start, chainNoise(m), rng);
  const values = normaliseImage(m.normalisation, image);
  // Observed pixels held fixed; recovered ones kept to colours the image shows (see observedRange).
  const constraints = [observedRange(image, mask, m.normalisation), observedMask(observedIndicator(mask, image.channels), values)];
  const descentSteps = options.descentSteps ?? 0;
  const total = steps + descentSteps;
  const label = m.path ?? 'model';
  await sampler.sample(energy, x, {
    rng,
    constraints,
    onStep: (k, e) => {
      assertFiniteEnergy(e, k, label, 'the inpainted image');
      options.onStep?.(k + 1, total);
    },
  });
  if (descentSteps > 0) {
    const descent = m.preset.createDescent(descentSteps, options.stepSize);
    await descent.sample(energy, x, { rng, constraints, onStep: (k) => options.onStep?.(steps + k + 1, total) });
  }
  assertFiniteSamples(x, m.path ?? 'model', 'the inpainted image');
  return averageRecoveries(m, image, mask, x, samples);
}

/**
 * Mean of `n` recovered chains [n, C, H, W] (network units) as an image in [0, 1], observed pixels copied
 * from `image` so they are exactly as given.
 */
export function averageRecoveries(m: ImageModel, image: ImageTensor, mask: Mask, x: Float32Array, n: number): ImageTensor {
  const D = x.length / n;
  const mean = new Float32Array(D);
  for (let k = 0; k < n; k++) for (let i = 0; i < D; i++) mean[i] += x[k * D + i] / n;
  const out = denormaliseImage(m.normalisation, mean, image);
  const plane = image.width * image.height;
  for (let c = 0; c < image.channels; c++) {
    for (let p = 0; p < plane; p++) {
      const i = c * plane + p;
      out.data[i] = mask.data[p] ? Math.min(1, Math.max(0, out.data[i])) : image.data[i];
    }
  }
  return out;
}
