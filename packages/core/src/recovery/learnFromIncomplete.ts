import type { Rng } from '../random/Rng.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';
import type { Sampler } from '../samplers/Sampler.js';
import { observedMask, type ConstraintLike } from '../samplers/Constraint.js';
import { ConstraintSet } from '../samplers/Constraint.js';
import type { McmcMle, TrainEvent } from '../train/McmcMle.js';
import { RecoveryError } from './RecoveryError.js';

/** What a recovery returns: the posterior mean of the missing entries, or one posterior draw. */
export type RecoveryEstimate = 'mean' | 'sample';

/**
 * Incomplete data in the network's units and layout.
 * `x` [N·D] ([N, C, ...spatial], flat) holds the observed values and a starting guess for the missing ones (noise,
 * an interpolation); `observed` marks what is known (1 = observed, 0 = missing), as [D] (the same for every sample)
 * or [N·D].
 */
export interface IncompleteData {
  /** [N·D]: observed values, and where missing, the start of the recovery. Not modified. */
  x: Float32Array;
  /** 1 = observed, 0 = missing; length D or N·D. */
  observed: ArrayLike<number>;
}

/** Options of {@link learnFromIncomplete}. */
export interface LearnFromIncompleteOptions {
  /** The MCMC-MLE trainer of the model being learned (its θ is updated in place); its batch settings apply. */
  trainer: McmcMle;
  /** The model as the samplers see it (with any reference terms), x [N·D] → E [N], dE/dx [N·D]. */
  energy: EnergyFn;
  /** The sampler of each recovery sweep (one sweep before every parameter update). */
  recovery: Sampler;
  /** Parameter updates, each after one recovery sweep. */
  iterations: number;
  /**
   * 'mean': the recoveries of the last half of the iterations averaged (an estimate of the posterior mean: lowest
   * expected error; a blur inside large holes); 'sample': the last recovery, then `final` and `descent` (a draw,
   * with texture also far from observed entries).
   */
  estimate: RecoveryEstimate;
  /** The only randomness; the run is a deterministic function of its state. */
  rng: Rng;
  /** Constraints applied before the observed mask (e.g. keeping values in the observed range); default none. */
  constraints?: readonly ConstraintLike[];
  /** Chains of the final phase, each a copy of the last recovery (or the mean); default 1. */
  samples?: number;
  /**
   * 'mean': average the state after every step of the recovery sweeps of the last half, not only the state at the end
   * of each sweep: the ergodic average of all the draws, with less Monte Carlo noise for the same sampling; default
   * false (one state per sweep).
   */
  averageEverySteps?: boolean;
  /** Run on the final chains after learning (more posterior sampling under the learned θ); default none. */
  final?: Sampler;
  /** Run last for the 'sample' estimate (a noise-free energy descent to the nearby mode); default none. */
  descent?: Sampler;
  /** Called after every parameter update with the trainer's event and `iterations`. */
  onIteration?: (event: TrainEvent, total: number) => void;
  /** Called after every step of `descent` with the steps done and their total. */
  onDescentStep?: (done: number, total: number) => void;
  /**
   * Called with the recovered states after every sweep and at the end; throws when they are unusable. Default:
   * a {@link RecoveryError} when a value is not finite. Domains pass their own to name the file and the fix.
   */
  checkFinite?: (x: Float32Array, what: string) => void;
}

/** What {@link learnFromIncomplete} returns. */
export interface LearnedRecovery {
  /** [samples·N·D]: the final chains, observed entries exactly as given; average them for one estimate. */
  chains: Float32Array;
  /** Number of final chain sets (`samples`). */
  samples: number;
  /** Parameter updates run. */
  iterations: number;
}

/**
 * Learning from incomplete data by stochastic EM, as in the recovery experiments of the spatial-temporal generative
 * ConvNet (Xie, Zhu & Wu 2017) and the 3D descriptor net (Xie et al. 2018): every iteration (1) moves the missing
 * entries by the recovery sampler under the current model with the observed ones held fixed (core's observedMask,
 * applied last), and (2) updates θ by MCMC maximum likelihood with the recovered data as the training data. No
 * complete training set is needed: a stationary model learns the pattern from the observed part and fills in the
 * rest. Domain-free: images [N, C, H, W], videos [N, C, T, H, W] and voxel grids [N, 1, D, H, W] alike.
 *
 * @throws RecoveryError when nothing is observed or the data do not fit; the trainer's TrainingDivergedError; what
 *   `checkFinite` throws.
 */
export async function learnFromIncomplete(data: IncompleteData, options: LearnFromIncompleteOptions): Promise<LearnedRecovery> {
  const { x, observed } = data;
  if (x.length === 0 || observed.length === 0 || x.length % observed.length !== 0) {
    throw new RecoveryError(`the observed mask has ${observed.length} entries, which do not tile data of ${x.length} values (give it as [D] or [N·D])`);
  }
  let known = 0;
  for (let i = 0; i < observed.length; i++) if (observed[i]) known++;
  if (known === 0) throw new RecoveryError('nothing is observed; there is nothing to learn from');
  const { trainer, energy, recovery, iterations, rng } = options;
  if (!Number.isInteger(iterations) || iterations < 0) throw new RecoveryError(`iterations must be a whole number ≥ 0, got ${iterations}`);
  const samples = options.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1) throw new RecoveryError(`samples must be a whole number ≥ 1, got ${samples}`);
  const checkFinite = options.checkFinite ?? assertFinite;
  const constraints = [...(options.constraints ?? []), observedMask(observed, x)];

  const recovered = x.slice();
  const averageLast = options.estimate === 'mean' && iterations > 0 ? Math.max(1, Math.floor(iterations / 2)) : 0;
  const average = averageLast > 0 ? new Float32Array(recovered.length) : undefined;
  // Every step's state summed in float64; divided by their count at the end.
  const stepSum = average && options.averageEverySteps ? new Float64Array(recovered.length) : undefined;
  let stepCount = 0;
  const addStep = (_: number, __: number, x: Float32Array): void => {
    for (let j = 0; j < x.length; j++) stepSum![j] += x[j];
    stepCount++;
  };
  for (let i = 0; i < iterations; i++) {
    const averaging = average !== undefined && i >= iterations - averageLast;
    await recovery.sample(energy, recovered, { rng, constraints, onStep: averaging && stepSum ? addStep : undefined });
    checkFinite(recovered, 'the recovered data');
    if (averaging && !stepSum) for (let j = 0; j < average!.length; j++) average![j] += recovered[j] / averageLast;
    const event = await trainer.step(recovered);
    options.onIteration?.(event, iterations);
  }
  if (average) {
    if (stepSum && stepCount > 0) for (let j = 0; j < average.length; j++) average[j] = stepSum[j] / stepCount;
    new ConstraintSet(constraints).apply(average);
    recovered.set(average);
  }

  const chains = new Float32Array(samples * recovered.length);
  for (let k = 0; k < samples; k++) chains.set(recovered, k * recovered.length);
  if (options.final) await options.final.sample(energy, chains, { rng, constraints });
  const descent = options.estimate === 'sample' ? options.descent : undefined;
  if (descent) {
    const total = Number(descent.state().options.steps);
    await descent.sample(energy, chains, { rng, constraints, onStep: (k) => options.onDescentStep?.(k + 1, total) });
  }
  checkFinite(chains, 'the recovered data');
  return { chains, samples, iterations };
}

function assertFinite(x: Float32Array, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RecoveryError(`sampling diverged: ${what} has a non-finite value at entry ${i} (${x[i]}); lower the step size or the learning rate`);
    }
  }
}
