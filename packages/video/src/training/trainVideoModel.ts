import { Adam, EnergyModel, McmcMle, SmoothReferenceEnergy, type TrainEvent } from '@ebm/core';
import { spaceTimeReference } from '../energy/SpaceTimeSmoothness.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoModel } from '../model/VideoModel.js';
import { dynamicTexturePreset } from '../presets/dynamicTexturePreset.js';
import type { VideoPreset } from '../presets/VideoPreset.js';
import { stackClips } from './stackClips.js';
import { zeroReadout } from './zeroReadout.js';

/** Largest |mean E(data) − mean E(samples)| per input value before training counts as diverged. */
export const MAX_ENERGY_GAP_PER_VALUE = 1e4;

/** Called after every parameter update with core's event and the number of updates of this run. */
export type TrainProgress = (event: TrainEvent, total: number) => void;

/** Options of {@link trainVideoModel}. */
export interface TrainVideoOptions {
  /** Default `dynamicTexturePreset()`. */
  preset?: VideoPreset;
  /** Parameter updates; default the preset's. */
  iterations?: number;
  /** Seed of θ's initialisation and of the trainer; default 0. */
  seed?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  onIteration?: TrainProgress;
}

/** The trainer of a video model: core's McmcMle on the network plus the space-time reference, with the preset's settings. */
export function createTrainer(model: EnergyModel, preset: VideoPreset, seed: number): McmcMle {
  const t = preset.training;
  const [C, T, H, W] = model.inputShape;
  return new McmcMle(new SmoothReferenceEnergy(model, spaceTimeReference(preset.smoothness)), {
    sampler: preset.createSampler(),
    constraints: preset.colourConstraints(C, T * H * W),
    optimizer: new Adam(model.theta.length, { lr: t.learningRate, beta1: t.beta1 }),
    init: t.init,
    chains: t.chains,
    batchSize: 1,
    noise: preset.noise,
    maxEnergyGap: MAX_ENERGY_GAP_PER_VALUE * C * T * H * W,
    seed,
  });
}

/**
 * Learns the spatial-temporal generative ConvNet from one or a few clips by MCMC maximum likelihood (Xie, Zhu & Wu
 * 2017): each iteration synthesizes a clip with the preset's Langevin sampler, then moves θ so that the data get lower
 * energy than the synthesis.
 * @param clips [C, T, H, W] in [0, 1], all of one shape (the model's input shape).
 * @returns the model with its trainer attached (for saving and resuming).
 * @throws TrainingDivergedError (core) when energies or samples stop being finite.
 */
export async function trainVideoModel(clips: readonly VideoTensor[], options: TrainVideoOptions = {}): Promise<VideoModel> {
  const preset = (options.preset ?? dynamicTexturePreset()).fit(clips);
  const [first] = clips;
  const { channels, frames, height, width, fps } = first;
  const seed = options.seed ?? 0;
  const model = await EnergyModel.create(preset.network(channels, frames, height, width), { seed, threads: options.threads });
  if (preset.zeroReadout) zeroReadout(model);
  const m: VideoModel = { model, preset, channels, frames, height, width, fps, trainer: createTrainer(model, preset, seed) };
  await runIterations(m, clips, options.iterations ?? preset.training.iterations, options.onIteration);
  return m;
}

/**
 * Runs `iterations` more updates of a model that has a trainer, in place.
 * @param clips [C, T, H, W] in [0, 1] of the model's shape.
 */
export async function runIterations(m: VideoModel, clips: readonly VideoTensor[], iterations: number, onIteration?: TrainProgress): Promise<void> {
  if (!m.trainer) throw new RangeError('this model has no trainer state; train it with trainVideoModel first');
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations ${iterations} is not a whole number ≥ 0`);
  const c = clips[0];
  if (c.channels !== m.channels || c.frames !== m.frames || c.height !== m.height || c.width !== m.width) {
    throw new RangeError(`training clips are ${c.frames} frames of ${c.width}x${c.height}x${c.channels}, the model's ${m.frames} of ${m.width}x${m.height}x${m.channels} (read them with --frames ${m.frames} --size ${m.width}x${m.height})`);
  }
  const x = stackClips(clips);
  for (let i = 0; i < iterations; i++) {
    const event = await m.trainer.step(x);
    onIteration?.(event, iterations);
  }
}

/**
 * Continues training a model loaded from a file with its stored trainer state, exactly as if it had not stopped.
 * @throws RangeError when the file holds no trainer state.
 */
export async function resumeTraining(m: VideoModel, clips: readonly VideoTensor[], iterations: number, onIteration?: TrainProgress): Promise<VideoModel> {
  if (!m.trainer) {
    if (!m.trainerState) throw new RangeError(`${m.path ?? 'this model'} holds no trainer state, so it cannot resume (train without --resume)`);
    m.trainer = McmcMle.restore(new SmoothReferenceEnergy(m.model, spaceTimeReference(m.preset.smoothness)), m.trainerState, m.preset.colourConstraints(m.channels, m.frames * m.height * m.width));
  }
  await runIterations(m, clips, iterations, onIteration);
  return m;
}
