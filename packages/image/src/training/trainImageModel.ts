import { Adam, McmcMle, type TrainEvent } from '@ebm/core';
import { stackImages, type ImageTensor } from '../io/ImageTensor.js';
import { normalise } from '../io/Normalisation.js';
import type { ImageModel } from '../model/ImageModel.js';
import type { ImagePreset, PresetName } from '../presets/ImagePreset.js';
import { createPreset } from '../presets/presets.js';
import { TrainingHoles } from '../masks/trainingHoles.js';
import { mixedChains } from './fillChains.js';
import { presetEnergy } from './presetEnergy.js';

/** Largest |mean E(data) − mean E(samples)| per network input value before training counts as diverged. */
export const MAX_ENERGY_GAP_PER_VALUE = 1e4;

/** Called after every parameter update with core's event and the number of updates this run will make. */
export type TrainProgress = (event: TrainEvent, total: number) => void;

/** Options of {@link trainImageModel}. */
export interface TrainImageOptions {
  /** A preset or its name; default 'texture' with its defaults. */
  preset?: ImagePreset | PresetName;
  /** Parameter updates; default the preset's. */
  iterations?: number;
  /** Seed of θ's initialisation and of the trainer (chains, batches); default 0. */
  seed?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  onIteration?: TrainProgress;
}

/**
 * Learns an energy model from images by MCMC maximum likelihood ("analysis by synthesis", Xie et al. 2016):
 * each iteration synthesizes images with the preset's sampler, then moves θ so that data get lower energy than
 * the synthesized images.
 * @param images the data, each [C, H, W] in [0, 1], all of one size and channel count (the model's input size).
 * @returns the model, with its trainer attached for saving and resuming.
 * @throws TrainingDivergedError (core) when energies or samples stop being finite.
 */
export async function trainImageModel(images: readonly ImageTensor[], options: TrainImageOptions = {}): Promise<ImageModel> {
  const chosen = typeof options.preset === 'object' ? options.preset : createPreset(options.preset ?? 'texture');
  const preset = chosen.fit(images);
  const { shape } = stackImages(images);
  const [, channels] = shape;
  // A fully convolutional (texture) model learns from windows of the preset's size when the images are larger.
  const width = preset.anySize ? Math.min(shape[3], preset.size) : shape[3];
  const height = preset.anySize ? Math.min(shape[2], preset.size) : shape[2];
  const { model, energy } = await presetEnergy(preset, channels, width, height, { seed: options.seed, threads: options.threads });
  const t = preset.training;
  const trainer = new McmcMle(energy, {
    sampler: preset.createSampler(),
    optimizer: new Adam(model.theta.length, { lr: t.learningRate, beta1: t.beta1 }),
    init: t.init,
    chains: t.chains,
    batchSize: t.batchSize,
    noise: preset.noise,
    replay: t.replay,
    energyPenalty: t.energyPenalty,
    maxGradNorm: t.maxGradNorm,
    // Summed energies grow with the pixel count; core's default limit (1e7) would stop a large image early.
    maxEnergyGap: MAX_ENERGY_GAP_PER_VALUE * channels * width * height,
    seed: options.seed ?? 0,
  });
  const m: ImageModel = { model, preset, normalisation: preset.normalisation, channels: channels as 1 | 3, width, height, trainer };
  await runIterations(m, images, options.iterations ?? t.iterations, options.onIteration);
  return m;
}

/**
 * Texture synthesis training (Xie et al. 2016): {@link trainImageModel} with the `texture` preset.
 * @param images one or a few texture images, [C, H, W] in [0, 1], of one size.
 */
export function trainTexture(images: readonly ImageTensor[], options: Omit<TrainImageOptions, 'preset'> & { preset?: ImagePreset } = {}): Promise<ImageModel> {
  return trainImageModel(images, { ...options, preset: options.preset ?? 'texture' });
}

/**
 * Runs `iterations` more updates of a model that has a trainer (made by {@link trainImageModel} or restored by
 * `resumeTraining`), in place. With fill chains, or with images larger than a texture model's size, every iteration
 * trains on random windows of the model's size ({@link mixedChains}).
 * @param images [C, H, W] in [0, 1], the model's channels and training size (texture models: that size or larger).
 */
export async function runIterations(m: ImageModel, images: readonly ImageTensor[], iterations: number, onIteration?: TrainProgress): Promise<void> {
  if (!m.trainer) throw new RangeError('this model has no trainer state; train it with trainImageModel first');
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations ${iterations} is not a whole number ≥ 0`);
  const { data, shape } = stackImages(images);
  const larger = m.preset.anySize && shape[2] >= m.height && shape[3] >= m.width && (shape[2] > m.height || shape[3] > m.width);
  if (shape[1] !== m.channels || ((shape[2] !== m.height || shape[3] !== m.width) && !larger)) {
    throw new RangeError(
      `training images are ${shape[3]}x${shape[2]}x${shape[1]} but the model was trained on ${m.width}x${m.height}x${m.channels} (use the same size and channels)`,
    );
  }
  const x = larger ? data : normalise(m.normalisation, data, m.width * m.height);
  const t = m.preset.training;
  const windows = larger || (t.fillChains ?? 0) > 0;
  const holes = new TrainingHoles(shape[3], shape[2], m.width, m.height, t.holeSides ?? [1, Math.min(m.width, m.height)]);
  const mix = windows ? { noiseChains: t.chains, fillChains: t.fillChains ?? 0, holes } : undefined;
  for (let i = 0; i < iterations; i++) {
    // The trainer's own RNG draws the fill chains, so a resumed run continues exactly.
    const chains = mix && mixedChains(images, mix, m.normalisation, m.preset.noise, m.trainer.rng);
    const event = chains ? await m.trainer.step(chains.data, chains.step) : await m.trainer.step(x);
    onIteration?.(event, iterations);
  }
}
