import { EnergyModel, learnFromIncomplete, Rng, type TrainEvent } from '@ebm/core';
import { SmoothReferenceEnergy } from '../energy/SmoothReferenceEnergy.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { assertMaskFits } from '../masks/assertMaskFits.js';
import { countMissing, observedIndicator, type VideoMask } from '../masks/VideoMask.js';
import type { VideoModel } from '../model/VideoModel.js';
import { definedOnly } from '../presets/definedOnly.js';
import { dynamicTexturePreset, type DynamicTextureOptions } from '../presets/dynamicTexturePreset.js';
import type { VideoPreset } from '../presets/VideoPreset.js';
import { assertFiniteSamples } from '../synthesis/SamplingDivergedError.js';
import { createTrainer } from '../training/trainVideoModel.js';
import { zeroReadout } from '../training/zeroReadout.js';
import { observedRange } from './observedRange.js';
import { resolveEstimate, type RecoveryEstimateChoice } from './RecoveryEstimate.js';
import { averageRecoveries, recoveryStart } from './recoveryStart.js';

/**
 * `dynamic-texture` options for learning from the incomplete clip itself: a space-time reference fitted to the
 * observed pixels (precisions up to 10⁴), a weak white reference (σ = 10), a readout that starts at zero (the
 * untrained model recovers like space-time harmonic interpolation), chains that start at the recovered clip
 * (contrastive divergence: the model learns to keep the observed dynamics stable under its sampler, which is what
 * recovery needs), 10 Langevin steps per sweep and per update, 120 iterations.
 */
export const LEARNING_DEFAULTS: Readonly<Partial<DynamicTextureOptions>> = Object.freeze({
  smoothness: 'fit',
  maxSmoothness: 1e4,
  referenceSigma: 10,
  zeroReadout: true,
  init: 'data',
  steps: 5,
  iterations: 100,
});

/** The preset {@link recoverByLearning} uses: `dynamic-texture` with {@link LEARNING_DEFAULTS} under `overrides`. */
export function learningPreset(overrides: Partial<DynamicTextureOptions> = {}): VideoPreset {
  return dynamicTexturePreset({ ...LEARNING_DEFAULTS, ...definedOnly(overrides) });
}

/** Options of {@link recoverByLearning}. */
export interface RecoverByLearningOptions {
  /** Default {@link learningPreset}(). */
  preset?: VideoPreset;
  /** Parameter updates, each after one recovery sweep; default the preset's. */
  iterations?: number;
  /** Langevin steps of each recovery sweep; default the preset's. */
  steps?: number;
  /** Noise-free descent steps at the end of the 'sample' estimate; default 400. */
  descentSteps?: number;
  /** 'auto' (default), 'mean' or 'sample', see {@link RecoveryEstimateChoice}. */
  estimate?: RecoveryEstimateChoice;
  /** Seed of θ, the chains and the trainer; default 0. */
  seed?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
  onIteration?: (event: TrainEvent, total: number) => void;
  onDescentStep?: (done: number, total: number) => void;
}

/** What {@link recoverByLearning} returns. */
export interface LearnedRecovery {
  /** [C, T, H, W] in [0, 1]: observed pixels exactly as given, missing ones recovered. */
  video: VideoTensor;
  /** The model learned from the clip (trainer attached), e.g. to save or synthesize from. */
  model: VideoModel;
  /** The estimate that was returned. */
  estimate: 'mean' | 'sample';
}

/**
 * Recovery of missing pixels and frames by learning from the incomplete clip itself, as in the recovery experiments
 * of Xie, Zhu & Wu (2017), on core's learnFromIncomplete (stochastic EM): every iteration moves the missing pixels
 * by Langevin dynamics under the current spatial-temporal ConvNet with the observed pixels held fixed, then updates
 * θ by MCMC maximum likelihood on the recovered clip. The start is space-time harmonic interpolation; recovered
 * values stay in each channel's observed range.
 * @param video [C, T, H, W] in [0, 1]; values under the mask are ignored.
 * @param mask [T, H, W], 1 = missing.
 * @throws RangeError for a mask of another size or with every pixel missing; SamplingDivergedError /
 *   TrainingDivergedError when sampling or learning stops being finite.
 */
export async function recoverByLearning(video: VideoTensor, mask: VideoMask, options: RecoverByLearningOptions = {}): Promise<LearnedRecovery> {
  assertMaskFits(mask, video);
  if (countMissing(mask) === mask.data.length) throw new RangeError('the mask marks every pixel missing; there is nothing to learn from');
  const preset = (options.preset ?? learningPreset()).fit([video], mask);
  const { channels, frames, height, width, fps } = video;
  const seed = options.seed ?? 0;
  const model = await EnergyModel.create(preset.network(channels, frames, height, width), { seed, threads: options.threads });
  if (preset.zeroReadout) zeroReadout(model);
  const trainer = createTrainer(model, preset, seed);
  const m: VideoModel = { model, preset, channels, frames, height, width, fps, trainer };
  const estimate = resolveEstimate(options.estimate, mask);
  const descentSteps = options.descentSteps ?? 400;
  const { chains } = await learnFromIncomplete(
    { x: recoveryStart(video, mask, preset.smoothness), observed: observedIndicator(mask, channels) },
    {
      trainer,
      energy: new SmoothReferenceEnergy(model, preset.smoothness).energyFn(),
      recovery: preset.createSampler({ steps: options.steps }),
      iterations: options.iterations ?? preset.training.iterations,
      estimate,
      rng: new Rng(seed + 1),
      constraints: [observedRange(video, mask)],
      descent: descentSteps > 0 ? preset.createDescent(descentSteps) : undefined,
      onIteration: options.onIteration,
      onDescentStep: options.onDescentStep,
      checkFinite: (x) => assertFiniteSamples(x, 'model learned from the clip', 'the recovered clip'),
    },
  );
  return { video: averageRecoveries(video, mask, chains, 1), model: m, estimate };
}
