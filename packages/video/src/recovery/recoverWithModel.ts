import { observedMask, Rng } from '@ebm/core';
import { normaliseVideo } from '../io/normalisation.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { assertMaskFits } from '../masks/assertMaskFits.js';
import { observedIndicator, type VideoMask } from '../masks/VideoMask.js';
import { videoEnergyFn, type VideoModel } from '../model/VideoModel.js';
import { assertFiniteSamples, SamplingDivergedError } from '../synthesis/SamplingDivergedError.js';
import { observedColourBox } from './observedColourBox.js';
import { resolveEstimate, type RecoveryEstimateChoice } from './RecoveryEstimate.js';
import { averageRecoveries, recoveryStart } from './recoveryStart.js';

/** Chains averaged by the 'mean' estimate of {@link recoverWithModel}. */
export const MODEL_MEAN_CHAINS = 4;

/** Options of {@link recoverWithModel}. */
export interface RecoverWithModelOptions {
  /** Langevin steps; default twice the model's. */
  steps?: number;
  /** 'auto' (default), 'mean' ({@link MODEL_MEAN_CHAINS} chains averaged) or 'sample' (one chain, then a descent). */
  estimate?: RecoveryEstimateChoice;
  /** Noise-free descent steps after a 'sample'; default 200. */
  descentSteps?: number;
  /** Seed of the sampler; default 0. */
  seed?: number;
  onStep?: (done: number, total: number) => void;
}

/**
 * Recovery under a trained model: Langevin chains over the missing pixels of p(x_missing | x_observed) ∝ exp(−E(x)),
 * started at space-time harmonic interpolation, with the observed pixels held fixed (core's observedMask) and values
 * kept inside the observed colours' principal-axis box. Works at any clip length and size (fully convolutional model).
 * @param video [C, T, H, W] in [0, 1] with the model's channel count; values under the mask are ignored.
 * @param mask [T, H, W], 1 = missing.
 * @returns [C, T, H, W] in [0, 1]; observed pixels exactly as given.
 * @throws RangeError for a channel or mask mismatch; SamplingDivergedError when the chains stop being finite.
 */
export async function recoverWithModel(m: VideoModel, video: VideoTensor, mask: VideoMask, options: RecoverWithModelOptions = {}): Promise<VideoTensor> {
  assertMaskFits(mask, video);
  if (video.channels !== m.channels) throw new RangeError(`the clip has ${video.channels} channel(s), the model ${m.channels}`);
  const estimate = resolveEstimate(options.estimate, mask);
  const chains = estimate === 'mean' ? MODEL_MEAN_CHAINS : 1;
  const start = recoveryStart(video, mask, m.preset.smoothness);
  const D = start.length;
  const x = new Float32Array(chains * D);
  for (let k = 0; k < chains; k++) x.set(start, k * D);
  const steps = options.steps ?? 2 * Number(m.preset.sampler.options.steps);
  const descentSteps = estimate === 'sample' ? (options.descentSteps ?? 200) : 0;
  const total = steps + descentSteps;
  const energy = videoEnergyFn(m, video.frames, video.height, video.width);
  const rng = new Rng(options.seed ?? 0);
  const constraints = [observedColourBox(video, mask), observedMask(observedIndicator(mask, video.channels), normaliseVideo(video))];
  const label = m.path ?? 'model';
  await m.preset.createSampler({ steps }).sample(energy, x, {
    rng,
    constraints,
    onStep: (k, e) => {
      if (!Number.isFinite(e)) throw new SamplingDivergedError(label, `the recovered clip (its energy after step ${k + 1} is ${e})`);
      options.onStep?.(k + 1, total);
    },
  });
  if (descentSteps > 0) await m.preset.createDescent(descentSteps).sample(energy, x, { rng, constraints, onStep: (k) => options.onStep?.(steps + k + 1, total) });
  assertFiniteSamples(x, label, 'the recovered clip');
  return averageRecoveries(video, mask, x, chains);
}
