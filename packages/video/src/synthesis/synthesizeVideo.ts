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
  /**
   * Where chains start: 'persistent' continues the training's persistent chains (the paper's synthesized clips are its
   * persistent chains; they have run under the model through the whole training), cycling through them when more
   * clips are asked for; 'noise' starts from the preset's noise. Default: 'persistent' when the model has them and the
   * asked length and size are the training clip's, else 'noise'.
   */
  start?: 'persistent' | 'noise';
  /**
   * Langevin steps; default the preset's from persistent chains or for a short-run model (trained from noise), 10 × that
   * from noise for a model trained on persistent chains. Step size default the preset's.
   */
  steps?: number;
  stepSize?: number;
  /** Seed of the start noise and the sampler; default 0. */
  seed?: number;
  /** Called after every step with the steps done and their total. */
  onStep?: (done: number, total: number) => void;
}

/**
 * Synthesizes clips: Langevin chains under the model's energy (network plus reference), the dynamics training used,
 * continuing the training's persistent chains or from the preset's noise, at any length and size.
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
  const persistent = (m.trainer?.state().persistent ?? m.trainerState?.persistent)?.data;
  const trainingSize = frames === m.frames && width === m.width && height === m.height;
  const fromChains = options.start !== 'noise' && trainingSize && persistent instanceof Float32Array && persistent.length >= D;
  if (options.start === 'persistent' && !fromChains) {
    throw new RangeError(`${m.path ?? 'this model'} holds no persistent chains of ${frames} frames of ${width}x${height} (synthesize from noise, or at the training size)`);
  }
  let x: Float32Array;
  if (fromChains) {
    const chains = persistent.length / D;
    x = new Float32Array(count * D);
    for (let i = 0; i < count; i++) x.set(persistent.subarray((i % chains) * D, ((i % chains) + 1) * D), i * D);
  } else {
    x = noiseChains(count, D, rng, m.preset.noise);
  }
  const presetSteps = Number(m.preset.sampler.options.steps);
  // A short-run model (trained from fresh noise each iteration) is defined by its run length; a persistent one's chains
  // had the whole training to mix, so a fresh chain gets 10 × the steps.
  const shortRun = m.preset.training.init === 'noise';
  const sampler = m.preset.createSampler({ steps: options.steps ?? (fromChains || shortRun ? presetSteps : 10 * presetSteps), stepSize: options.stepSize });
  const total = Number(sampler.state().options.steps);
  const label = m.path ?? 'model';
  await sampler.sample(videoEnergyFn(m, frames, height, width), x, {
    rng,
    constraints: m.preset.colourConstraints(m.channels, frames * height * width),
    onStep: (k, e) => {
      if (!Number.isFinite(e)) throw new SamplingDivergedError(label, `the synthesized clip (its energy after step ${k + 1} is ${e})`);
      options.onStep?.(k + 1, total);
    },
  });
  assertFiniteSamples(x, label, 'the synthesized clip');
  const shape = { channels: m.channels, frames, height, width, fps: options.fps ?? m.fps };
  return Array.from({ length: count }, (_, k) => denormaliseVideo(x.subarray(k * D, (k + 1) * D), shape));
}
