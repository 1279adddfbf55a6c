import { EnergyModel, learnFromIncomplete, observedMask, Rng, SmoothReferenceEnergy, type EnergyFn, type TrainEvent } from '@ebm/core';
import { spaceTimeReference } from '../energy/SpaceTimeSmoothness.js';
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
import { observedColourBox } from './observedColourBox.js';
import { CoupledReferenceSweep } from './CoupledReferenceSweep.js';
import { withSpaceTimeSmoothness } from '../energy/SpaceTimeSmoothness.js';
import { resolveEstimate, type RecoveryEstimateChoice } from './RecoveryEstimate.js';
import { averageRecoveries, recoveryStart } from './recoveryStart.js';
import { surroundingFluctuation } from './surroundingFluctuation.js';
import { normaliseVideo } from '../io/normalisation.js';

/**
 * `dynamic-texture` options for learning from the incomplete clip itself: a space-time reference fitted to the
 * observed pixels (λ_s by moments, λ_t/λ_s and a temporal curvature λ_c/λ_s by predicting held-out observed pixels, precisions up to 10⁶), a weak white reference (σ = 10), a readout that starts at zero (the
 * untrained model recovers like space-time harmonic interpolation), chains that start at the recovered clip
 * (contrastive divergence: the model learns to keep the observed dynamics stable under its sampler, which is what
 * recovery needs), 5 Langevin steps per sweep and per update, Adam lr 0.002, 60 iterations, no training-colour box
 * (recovery keeps to the observed pixels' own box).
 */
export const LEARNING_DEFAULTS: Readonly<Partial<DynamicTextureOptions>> = Object.freeze({
  smoothness: 'holdout',
  maxSmoothness: 1e6,
  referenceSigma: 10,
  zeroReadout: true,
  init: 'data',
  steps: 5,
  iterations: 60,
  // The rate the recovery tables were measured at (synthesis's default is 0.001).
  learningRate: 0.002,
  // Recovery keeps to the observed pixels' own colour box (observedColourBox).
  colours: 'off',
});

/** E ≡ 0 for clips of D values each: the base the reference term is added to for the coupled reference chain. */
function zeroEnergy(D: number): EnergyFn {
  return async (x) => ({ energy: new Float32Array(x.length / D), grad: new Float32Array(x.length) });
}

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
  /**
   * Noise-free descent steps from the posterior mean under the learned model, observed pixels fixed, before a sample's
   * fluctuation is added; default 0 (a descent moved the mean toward the learned model's mode, which measured worse on
   * missing frames, and a descent ending a draw stilled it: the fill of a square stood still).
   */
  descentSteps?: number;
  /** 'auto' (default), 'mean' or 'sample', see {@link RecoveryEstimateChoice}. */
  estimate?: RecoveryEstimateChoice;
  /**
   * The sweep that moves the missing pixels each iteration: 'langevin' (default, the paper's: a posterior draw under the
   * current model) or 'descent' (the same drift without noise: the current model's conditional mode; measured worse).
   */
  sweep?: 'langevin' | 'descent';
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
  /** [C, T, H, W] in [0, 1]: the posterior-mean estimate (the same as `video` for 'mean'; without the fluctuation for 'sample'). */
  mean: VideoTensor;
}

/**
 * Recovery of missing pixels and frames by learning from the incomplete clip itself, as in the recovery experiments
 * of Xie, Zhu & Wu (2017), on core's learnFromIncomplete (stochastic EM): every iteration moves the missing pixels
 * by Langevin dynamics under the current spatial-temporal ConvNet with the observed pixels held fixed, then updates
 * θ by MCMC maximum likelihood on the recovered clip. The start is space-time harmonic interpolation; recovered
 * colours stay inside the observed pixels' principal-axis box.
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
  const sweep = options.sweep ?? 'langevin';
  const descentSteps = options.descentSteps ?? 0;
  const iterations = options.iterations ?? preset.training.iterations;
  const rng = new Rng(seed + 1);
  const constraints = [observedColourBox(video, mask)];
  const energy = new SmoothReferenceEnergy(model, spaceTimeReference(preset.smoothness)).energyFn();
  const observed = observedIndicator(mask, channels);
  const start = recoveryStart(video, mask, preset.smoothness);
  const descent = descentSteps > 0 ? preset.createDescent(descentSteps) : undefined;
  const sampler = sweep === 'descent' ? preset.createDescent(options.steps ?? Number(preset.sampler.options.steps)) : preset.createSampler({ steps: options.steps });
  // The posterior mean: the reference's exact conditional mean plus the network's effect, measured by a coupled chain
  // (see CoupledReferenceSweep). A draw ('sample') adds a fluctuation that moves like the hole's surroundings.
  const coupled =
    sweep === 'langevin'
      ? new CoupledReferenceSweep(sampler, withSpaceTimeSmoothness(zeroEnergy(start.length), preset.smoothness, [channels, frames, height, width]), start, Math.floor(iterations / 2))
      : undefined;
  const { chains } = await learnFromIncomplete(
    { x: start, observed },
    {
      trainer,
      energy,
      recovery: coupled ?? sampler,
      iterations,
      estimate: coupled ? 'mean' : estimate,
      rng,
      constraints,
      descent: coupled ? undefined : descent,
      onIteration: options.onIteration,
      onDescentStep: options.onDescentStep,
      checkFinite: (x) => assertFiniteSamples(x, 'model learned from the clip', 'the recovered clip'),
    },
  );
  const fixed = [...constraints, observedMask(observed, start)];
  if (coupled && iterations > 0) {
    const averaged = coupled.addAveragedDifference(start.slice());
    for (const c of fixed) c.apply(averaged);
    chains.set(averaged);
  }
  if (coupled && descent) {
    await descent.sample(energy, chains, { rng, constraints: fixed, onStep: (k) => options.onDescentStep?.(k + 1, descentSteps) });
    assertFiniteSamples(chains, 'model learned from the clip', 'the recovered clip');
  }
  const mean = averageRecoveries(video, mask, chains, 1);
  if (estimate === 'sample' && coupled) {
    const fluctuation = surroundingFluctuation(normaliseVideo(video), mask, channels, rng);
    for (let i = 0; i < chains.length; i++) chains[i] += fluctuation[i];
    for (const c of fixed) c.apply(chains);
  }
  return { video: estimate === 'sample' ? averageRecoveries(video, mask, chains, 1) : mean, mean, model: m, estimate };
}
