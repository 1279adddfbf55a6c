import { Adam, McmcMle, observedMask, Rng } from '@ebm/core';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage } from '../io/Normalisation.js';
import { holeRadius } from '../masks/holeRadius.js';
import { assertMaskSize, countMissing, type Mask } from '../masks/Mask.js';
import { imageEnergyFn, type ImageModel } from '../model/ImageModel.js';
import type { ImagePreset } from '../presets/ImagePreset.js';
import { texturePreset, type TexturePresetOptions } from '../presets/texturePreset.js';
import { definedOnly } from '../presets/definedOnly.js';
import { assertFiniteSamples } from '../synthesis/SamplingDivergedError.js';
import { TrainingHoles } from '../masks/trainingHoles.js';
import { mixedChains } from '../training/fillChains.js';
import { MAX_ENERGY_GAP_PER_VALUE, type TrainProgress } from '../training/trainImageModel.js';
import { averageRecoveries } from './inpaint.js';
import { observedRange } from './observedRange.js';
import { inpaintingStart, observedIndicator } from './observedValues.js';
import { presetEnergy } from '../training/presetEnergy.js';

/** Smallest training window, pixels: room for a hole and the network's receptive field around it. */
export const MIN_FILL_WINDOW = 64;

/**
 * Pixels a training hole keeps clear of the image's own missing pixels: the texture network's receptive-field
 * radius (17 px wide), so the unknown content of the real hole does not enter what a training hole teaches.
 */
export const FILL_MARGIN = 8;

/**
 * Texture-preset options of {@link fillByLearning}: two fill chains per iteration and no synthesis chains, 300
 * iterations; everything else is the `texture` preset's.
 */
export const FILLING_DEFAULTS: Readonly<Partial<TexturePresetOptions>> = Object.freeze({ chains: 0, fillChains: 2, iterations: 300 });

/** Options of {@link fillByLearning}. */
export interface FillByLearningOptions {
  /** Texture-preset overrides (over {@link FILLING_DEFAULTS}); size and hole sides follow from the image and the mask. */
  preset?: Partial<TexturePresetOptions>;
  /** Parameter updates; default the preset's. */
  iterations?: number;
  /** Sampler steps of the final fill; default the preset's (what its fill chains ran in training). */
  steps?: number;
  /** Fills averaged into the result; default 1 (a texture; more tend to the posterior mean, a blur in a hole). */
  samples?: number;
  /** Seed of θ, the chains and the trainer; default 0. */
  seed?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  /** Called after every parameter update with core's event and the number of updates. */
  onIteration?: TrainProgress;
}

/** The texture preset {@link fillByLearning} learns with for `mask` on an image of width × height. */
export function fillingPreset(width: number, height: number, mask: Mask, overrides: Partial<TexturePresetOptions> = {}): ImagePreset {
  const size = Math.min(width, height, Math.max(MIN_FILL_WINDOW, 2 * holeRadius(mask) + 2 * FILL_MARGIN));
  // Training holes about as wide as the real ones: sides from the hole radius to the hole width.
  const r = Math.max(1, Math.min(holeRadius(mask), size / 2));
  return texturePreset({ ...FILLING_DEFAULTS, size, holeFractions: [r / size, Math.min(1, (2 * r) / size)], ...definedOnly(overrides) });
}

/**
 * Inpainting of holes by learning from the damaged image itself, as conditional short-run learning: a texture
 * network is trained on windows of the image in which a random square away from the missing pixels is hidden,
 * started at harmonic interpolation plus noise and filled by the preset's sampler with the rest held (core's
 * McmcMle with given chain starts); the data are the windows themselves. The model thus learns exactly the
 * dynamics that turn a smooth fill into texture that continues its surroundings. The real holes are then filled by
 * one run of those dynamics from the same kind of start, observed pixels held and colours kept in the observed box.
 * @param image [C, H, W] in [0, 1]; values under the mask are ignored.
 * @param mask [H, W], 1 = missing.
 * @returns the filled image [C, H, W] in [0, 1] and the learned texture model (fully convolutional).
 * @throws RangeError for a wrong mask size or nothing observed; SamplingDivergedError / TrainingDivergedError.
 */
export async function fillByLearning(image: ImageTensor, mask: Mask, options: FillByLearningOptions = {}): Promise<{ image: ImageTensor; model: ImageModel }> {
  assertMaskSize(mask, image.width, image.height);
  if (countMissing(mask) === mask.data.length) throw new RangeError('the mask marks every pixel missing; there is nothing to learn from');
  const { channels, width, height } = image;
  // The unknown pixels take harmonic values as the context of training windows that reach them.
  const context = harmonicInpaint(image, mask);
  const preset = fillingPreset(width, height, mask, options.preset).fit([image], mask);
  const seed = options.seed ?? 0;
  const size = preset.size;
  const { model, energy: energyModel } = await presetEnergy(preset, channels, size, size, { seed, threads: options.threads });
  const t = preset.training;
  const trainer = new McmcMle(energyModel, {
    sampler: preset.createSampler(),
    optimizer: new Adam(model.theta.length, { lr: t.learningRate, beta1: t.beta1 }),
    init: t.init,
    chains: t.fillChains,
    batchSize: t.fillChains,
    noise: preset.noise,
    maxEnergyGap: MAX_ENERGY_GAP_PER_VALUE * channels * size * size,
    seed,
  });
  const m: ImageModel = { model, preset, normalisation: preset.normalisation, channels, width: size, height: size, trainer };
  const holes = new TrainingHoles(width, height, size, size, t.holeSides ?? [1, size], mask, FILL_MARGIN);
  const mix = { noiseChains: t.chains, fillChains: t.fillChains ?? 1, holes };
  const iterations = options.iterations ?? t.iterations;
  for (let i = 0; i < iterations; i++) {
    const chains = mixedChains([context], mix, preset.normalisation, preset.noise, trainer.rng);
    const event = await trainer.step(chains.data, chains.step);
    options.onIteration?.(event, iterations);
  }

  const samples = options.samples ?? 1;
  const rng = new Rng(seed + 1);
  const x = inpaintingStart(image, mask, preset.normalisation, samples, 'harmonic+noise', preset.noise, rng);
  const constraints = [observedRange(image, mask, preset.normalisation), observedMask(observedIndicator(mask, channels), normaliseImage(preset.normalisation, image))];
  await preset.createSampler({ steps: options.steps }).sample(imageEnergyFn(m, width, height), x, { rng, constraints });
  assertFiniteSamples(x, 'model learned from the image', 'the inpainted image');
  return { image: averageRecoveries(m, image, mask, x, samples), model: m };
}
