import { noiseChains, ReplayBuffer, Rng } from '@ebm/core';
import { clampImage, unstackImages, type ImageTensor } from '../io/ImageTensor.js';
import { denormalise } from '../io/Normalisation.js';
import { chainNoise, imageEnergyFn, imageSampler, type ImageModel } from '../model/ImageModel.js';
import { assertFiniteEnergy, assertFiniteSamples } from './SamplingDivergedError.js';

/** Called after every sampler step with steps done and steps in all (runs × steps per run). */
export type StepProgress = (done: number, total: number) => void;

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** Images to synthesize; default 1. */
  count?: number;
  /** Output width, pixels; default the training width (texture models take any size). */
  width?: number;
  /** Output height, pixels; default the training height. */
  height?: number;
  /** Sampler steps; default the preset's (what training used). */
  steps?: number;
  /** Sampler step size (Langevin δ / SGLD α); default the preset's. */
  stepSize?: number;
  /** Seed of the start noise and the sampler noise; default 0. */
  seed?: number;
  /** Chains run together in one batch; default min(count, 4). */
  batch?: number;
  /**
   * Where chains start: 'noise' (the preset's chain noise), or 'buffer' (samples of the replay buffer kept in the
   * model's trainer state, as IGEBM samples at test time; object models at their training size). Default 'buffer'
   * when the model has a replay buffer and the size is the training size, else 'noise'.
   */
  start?: 'noise' | 'buffer';
  onStep?: StepProgress;
}

/**
 * Synthesizes images from a model: chains start from the preset's noise and run its sampler (Langevin for
 * textures, SGLD for objects), as in training, at the requested size.
 * @returns `count` images [C, height, width] with values clamped to [0, 1].
 * @throws SamplingDivergedError when a sample is not finite; RangeError for an object model at another size.
 */
export async function synthesize(m: ImageModel, options: SynthesizeOptions = {}): Promise<ImageTensor[]> {
  const count = options.count ?? 1;
  const width = options.width ?? m.width;
  const height = options.height ?? m.height;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count ${count} is not a whole number ≥ 1`);
  const energy = imageEnergyFn(m, width, height);
  const sampler = imageSampler(m, { steps: options.steps, stepSize: options.stepSize });
  const steps = options.steps ?? Number(m.preset.sampler.options.steps);
  const batch = Math.max(1, Math.min(count, options.batch ?? 4));
  const runs = Math.ceil(count / batch);
  const rng = new Rng(options.seed ?? 0);
  const dim = m.channels * width * height;
  const atTrainingSize = width === m.width && height === m.height;
  const buffer = options.start === 'noise' || !atTrainingSize ? undefined : replayBufferOf(m);
  if (options.start === 'buffer' && !buffer) {
    throw new RangeError(`${m.path ?? 'this model'}: has no replay buffer at ${width}x${height} to start from (use start 'noise')`);
  }
  const out: ImageTensor[] = [];
  for (let r = 0; r < runs; r++) {
    const n = Math.min(batch, count - r * batch);
    const x = buffer ? buffer.draw(n, rng).x : noiseChains(n, dim, rng, chainNoise(m));
    await sampler.sample(energy, x, {
      rng,
      onStep: (k, e) => {
        assertFiniteEnergy(e, k, m.path ?? 'model');
        options.onStep?.(r * steps + k + 1, runs * steps);
      },
    });
    assertFiniteSamples(x, m.path ?? 'model');
    const images = unstackImages(denormalise(m.normalisation, x, width * height), [n, m.channels, height, width]);
    for (const im of images) out.push(clampImage(im));
  }
  return out;
}

/**
 * The model's replay buffer without noise restarts (a draw copies held samples only), or undefined when its trainer
 * state holds none (texture models, files saved without a trainer).
 */
export function replayBufferOf(m: ImageModel): ReplayBuffer | undefined {
  const state = m.trainer?.state().replay ?? m.trainerState?.replay;
  if (!state || state.size === 0) return undefined;
  return ReplayBuffer.fromJSON({ ...state, reinitProb: 0 });
}
