import { Adam, learnFromIncomplete, McmcMle, Rng, type TrainEvent } from '@ebm/core';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage } from '../io/Normalisation.js';
import { assertMaskSize, countMissing, type Mask } from '../masks/Mask.js';
import type { ImageModel } from '../model/ImageModel.js';
import type { ImagePreset } from '../presets/ImagePreset.js';
import { texturePreset, type TexturePresetOptions } from '../presets/texturePreset.js';
import { assertFiniteSamples } from '../synthesis/SamplingDivergedError.js';
import { MAX_ENERGY_GAP_PER_VALUE } from '../training/trainImageModel.js';
import { definedOnly } from '../presets/definedOnly.js';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { averageRecoveries } from './inpaint.js';
import { blendMissing, blendWeight, holdOutPixels, unionMask } from './heldOutBlend.js';
import { fillByLearning } from './fillByLearning.js';
import { MEAN_ESTIMATE_MAX_RADIUS, resolveEstimate, type InpaintingEstimate } from './inpaintingEstimate.js';
import { inpaintingStart, observedIndicator, type InpaintStart } from './observedValues.js';
import { observedRange } from './observedRange.js';
import { presetEnergy } from '../training/presetEnergy.js';

/**
 * Texture-preset options for learning from the incomplete image itself ({@link learningPreset}): a smooth reference
 * fitted to the observed pixels (λ up to 10⁴), a weak white reference (σ = 10), a readout that starts at zero (so the untrained
 * model is harmonic interpolation), chains that start at the data (contrastive divergence: the model learns to keep
 * the observed texture stable under its sampler, which is what recovery needs), 200 iterations.
 */
export const LEARNING_DEFAULTS: Readonly<Partial<TexturePresetOptions>> = Object.freeze({
  smoothness: 'fit',
  maxSmoothness: 1e4,
  referenceSigma: 10,
  zeroReadout: true,
  init: 'data',
  iterations: 200,
});

/** The texture preset as {@link inpaintByLearning} uses it, with {@link LEARNING_DEFAULTS} under `overrides`. */
export function learningPreset(overrides: Partial<TexturePresetOptions> = {}): ImagePreset {
  return texturePreset({ ...LEARNING_DEFAULTS, ...definedOnly(overrides) });
}

/** Options of {@link inpaintByLearning}. */
export interface InpaintByLearningOptions {
  /** Preset of the model learned for the 'mean' estimate (stochastic EM); default {@link learningPreset}(). */
  preset?: ImagePreset;
  /** Texture-preset overrides of the model learned for the 'sample' estimate ({@link fillByLearning}). */
  fillPreset?: Partial<TexturePresetOptions>;
  /** Parameter updates; default the preset's. */
  iterations?: number;
  /** Sampler steps of each recovery sweep ('mean') or of the fill ('sample'); default the preset's. */
  steps?: number;
  /** 'mean': Langevin steps of a final recovery (run on `samples` chains, then averaged); default 0. */
  finalSteps?: number;
  /** 'mean': average the state after every sampler step of the last half of the sweeps, not once per sweep; default true. */
  averageEverySteps?: boolean;
  /**
   * 'mean': share of the observed pixels held out from learning and recovered with the missing ones, to weigh the
   * recovery against harmonic interpolation: the result is w·recovery + (1 − w)·harmonic (from all observed pixels)
   * with the w ∈ [0, 1] that fits the held-out pixels best (least squares), so a learned model that hurts falls back
   * toward harmonic; 0 turns it off.
   * Default {@link HELD_OUT_PIXEL_FRACTION}.
   */
  heldOutFraction?: number;
  /** Final recoveries averaged into the result; default 1. */
  samples?: number;
  /** 'mean': how missing pixels start; default 'harmonic'. */
  start?: InpaintStart;
  /** Seed of θ, the chains and the trainer; default 0. */
  seed?: number;
  /**
   * What the result is: 'mean', stochastic EM ({@link learnFromIncomplete}) whose recoveries of the last half of the
   * iterations are averaged (an estimate of the posterior mean, the lowest expected error; sharp when every missing
   * pixel is near observed ones, a blur inside a hole); 'sample', a texture model taught by conditional short-run
   * learning to fill holes like these, then one fill ({@link fillByLearning}); 'auto' (default), 'mean' when no
   * missing pixel is more than {@link MEAN_ESTIMATE_MAX_RADIUS} pixels from an observed one (scattered pixels), else
   * 'sample'.
   */
  estimate?: InpaintingEstimate;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  /** Called after every parameter update with core's event and the number of updates. */
  onIteration?: (event: TrainEvent, total: number) => void;
}

/** What {@link inpaintByLearning} returns. */
export interface LearnedInpainting {
  /** [C, H, W] in [0, 1]: observed pixels as given, missing ones recovered. */
  image: ImageTensor;
  /** The model learned from the image (its trainer attached), e.g. to save or to synthesize from. */
  model: ImageModel;
  /** 'mean' with held-out pixels: the weight w of the recovery against harmonic interpolation (1 = recovery only). */
  recoveryWeight?: number;
}

/** Share of the observed pixels the 'mean' estimate holds out by default (see `heldOutFraction`). */
export const HELD_OUT_PIXEL_FRACTION = 0.05;

/**
 * Inpainting by learning from the incomplete image itself; no training set is needed, the model is stationary, so
 * the observed texture teaches the missing part.
 * - Scattered missing pixels ('mean'): stochastic EM as in the recovery experiments of the spatial-temporal
 *   generative ConvNet (Xie, Zhu & Wu 2017), every iteration (1) moves the missing pixels by Langevin dynamics under
 *   the current model with the observed pixels held fixed and (2) updates θ by MCMC maximum likelihood with the
 *   recovered image as the data; the result is the recoveries of the last half of the iterations averaged.
 * - Holes ('sample'): {@link fillByLearning}, conditional short-run learning on windows of the image and one fill.
 * @param image [C, H, W] in [0, 1]; values under the mask are ignored.
 * @param mask [H, W], 1 = missing, the image's size.
 * @throws RangeError for a wrong mask size or nothing observed; SamplingDivergedError / TrainingDivergedError
 *   when sampling or learning stops being finite.
 */
export async function inpaintByLearning(image: ImageTensor, mask: Mask, options: InpaintByLearningOptions = {}): Promise<LearnedInpainting> {
  assertMaskSize(mask, image.width, image.height);
  if (countMissing(mask) === mask.data.length) throw new RangeError('the mask marks every pixel missing; there is nothing to learn from');
  const estimate = resolveEstimate(options.estimate, mask);
  if (estimate === 'sample') {
    const { fillPreset, iterations, steps, samples, threads, onIteration } = options;
    return fillByLearning(image, mask, { preset: fillPreset, iterations, steps, samples, seed: options.seed, threads, onIteration });
  }
  const heldOutFraction = options.heldOutFraction ?? HELD_OUT_PIXEL_FRACTION;
  const seed = options.seed ?? 0;
  // Held-out pixels are learned and recovered as if missing, then score the recovery against harmonic interpolation.
  const heldOut = heldOutFraction > 0 ? holdOutPixels(mask, heldOutFraction, new Rng(seed + 2)) : undefined;
  const hidden = heldOut ? unionMask(mask, heldOut) : mask;
  const preset = (options.preset ?? learningPreset()).fit([image], hidden);
  const { channels, width, height } = image;
  const { model, energy: energyModel } = await presetEnergy(preset, channels, width, height, { seed, threads: options.threads });
  const t = preset.training;
  const trainer = new McmcMle(energyModel, {
    sampler: preset.createSampler(),
    optimizer: new Adam(model.theta.length, { lr: t.learningRate, beta1: t.beta1 }),
    init: t.init,
    chains: t.chains,
    batchSize: 1,
    noise: preset.noise,
    replay: t.replay,
    energyPenalty: t.energyPenalty,
    maxGradNorm: t.maxGradNorm,
    maxEnergyGap: MAX_ENERGY_GAP_PER_VALUE * channels * width * height,
    seed,
  });
  const m: ImageModel = { model, preset, normalisation: preset.normalisation, channels, width, height, trainer };

  const rng = new Rng(seed + 1);
  // Recovered pixels stay in the data range (per channel, that of the observed pixels), else the model would
  // learn from values the image does not have.
  const colourRange = observedRange(image, hidden, preset.normalisation);
  const x = inpaintingStart(image, hidden, preset.normalisation, 1, options.start ?? 'harmonic', preset.noise, rng);
  const finalSteps = options.finalSteps ?? 0;
  const samples = options.samples ?? 1;
  const label = 'model learned from the image';
  const { chains } = await learnFromIncomplete(
    { x, observed: observedIndicator(hidden, channels) },
    {
      trainer,
      energy: energyModel.energyFn(),
      recovery: preset.createSampler({ steps: options.steps }),
      iterations: options.iterations ?? t.iterations,
      estimate,
      rng,
      constraints: [colourRange],
      samples,
      final: finalSteps > 0 ? preset.createSampler({ steps: finalSteps }) : undefined,
      averageEverySteps: options.averageEverySteps ?? true,
      onIteration: options.onIteration,
      checkFinite: (states) => assertFiniteSamples(states, label, 'the recovered image'),
    },
  );
  const recovered = averageRecoveries(m, image, hidden, chains, samples);
  if (!heldOut || countMissing(heldOut) === 0) return { image: recovered, model: m };
  // w is fitted where both estimates saw the same pixels; the result mixes in harmonic interpolation from every
  // observed pixel, held-out ones included.
  const w = blendWeight(recovered, harmonicInpaint(image, hidden), image, heldOut);
  return { image: blendMissing(image, recovered, harmonicInpaint(image, mask), mask, w), model: m, recoveryWeight: w };
}
