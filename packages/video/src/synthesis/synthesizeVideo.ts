import { noiseChains, Rng } from '@ebm/core';
import { denormaliseVideo } from '../io/normalisation.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { videoEnergyFn, type VideoModel } from '../model/VideoModel.js';
import { assertFiniteSamples, SamplingDivergedError } from './SamplingDivergedError.js';

/** Options of {@link synthesizeVideo}. */
export interface SynthesizeOptions {
  /** Clips to synthesize (independent chains); default 1. */
  count?: number;
  /** Length and frame size; default the training clip's (any other works: the network is fully convolutional). */
  frames?: number;
  width?: number;
  height?: number;
  /** Playback rate of the result; default the training clip's. */
  fps?: number;
  /** Langevin steps and step size; default the preset's. */
  steps?: number;
  stepSize?: number;
  /** Seed of the start noise and the sampler; default 0. */
  seed?: number;
  /** Called after every step with the steps done and their total. */
  onStep?: (done: number, total: number) => void;
}

/**
 * Synthesizes clips: Langevin chains from the preset's noise under the model's energy (network plus reference), the
 * dynamics training used, at any length and size.
 * @returns `count` clips [C, T, H, W] in [0, 1].
 * @throws SamplingDivergedError when the chains stop being finite.
 */
export async function synthesizeVideo(m: VideoModel, options: SynthesizeOptions = {}): Promise<VideoTensor[]> {
  const count = options.count ?? 1;
  const frames = options.frames ?? m.frames;
  const width = options.width ?? m.width;
  const height = options.height ?? m.height;
  const D = m.channels * frames * height * width;
  const rng = new Rng(options.seed ?? 0);
  const x = noiseChains(count, D, rng, m.preset.noise);
  const sampler = m.preset.createSampler({ steps: options.steps, stepSize: options.stepSize });
  const total = Number(sampler.state().options.steps);
  const label = m.path ?? 'model';
  await sampler.sample(videoEnergyFn(m, frames, height, width), x, {
    rng,
    onStep: (k, e) => {
      if (!Number.isFinite(e)) throw new SamplingDivergedError(label, `the synthesized clip (its energy after step ${k + 1} is ${e})`);
      options.onStep?.(k + 1, total);
    },
  });
  assertFiniteSamples(x, label, 'the synthesized clip');
  const shape = { channels: m.channels, frames, height, width, fps: options.fps ?? m.fps };
  return Array.from({ length: count }, (_, k) => denormaliseVideo(x.subarray(k * D, (k + 1) * D), shape));
}
