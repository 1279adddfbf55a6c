import type { Optimizer } from '../optim/Optimizer.js';
import { TrainingDivergedError } from './TrainingDivergedError.js';

/** How the guard's messages name the sampler's knobs, e.g. { stepSize: 'SGLD step size', steps: 'SGLD steps' }. */
export interface SamplerWords {
  stepSize: string;
  steps: string;
}

/**
 * The divergence guard of MCMC maximum-likelihood training, shared by {@link McmcMle} and JEM's trainer: non-finite
 * samples, energies, gradients or parameters, or a data/sample energy gap beyond `maxEnergyGap`, stop training with a
 * {@link TrainingDivergedError} that says what to lower, and θ is left at the last iteration whose parameters gave
 * finite energies on the data. The guard keeps θ from before the last update for that.
 *
 * Each check takes `iteration`, the 1-based iteration being run, and `done`, the iterations completed before it.
 */
export class DivergenceGuard {
  /** θ before the last update, i.e. after done − 1 iterations; valid once `hasBackup`. */
  private readonly backup: Float32Array;
  private hasBackup = false;

  constructor(
    /** The parameters the optimiser updates in place. */
    private readonly theta: Float32Array,
    /** Largest |mean E(data) − mean E(samples)| allowed. */
    readonly maxEnergyGap: number,
    private readonly words: SamplerWords = { stepSize: 'step size', steps: 'sampler steps' },
  ) {
    this.backup = new Float32Array(theta.length);
  }

  /**
   * Throws when the samples [M·D] are not all finite. θ is to blame, and goes back one update, when even the data's
   * energies (computed only then, by `dataEnergy`) are no longer finite.
   */
  async checkSamples(samples: Float32Array, iteration: number, done: number, dataEnergy: () => Promise<Float32Array>): Promise<void> {
    if (allFinite(samples)) return;
    const broken = !allFinite(await dataEnergy());
    throw this.diverged(`iteration ${iteration}: samples are no longer finite (NaN/Inf); lower the ${this.words.stepSize} or the learning rate`, iteration, done, broken);
  }

  /** Throws when the batch-mean energies or the gradient norm are not finite, or the energy gap exceeds the limit. */
  checkEnergies(iteration: number, done: number, dataEnergy: number, sampleEnergy: number, gradNorm: number): void {
    if (!Number.isFinite(dataEnergy) || !Number.isFinite(sampleEnergy) || !Number.isFinite(gradNorm)) {
      throw this.diverged(`iteration ${iteration}: energies or gradients are no longer finite; lower the learning rate or the ${this.words.stepSize}`, iteration, done, !Number.isFinite(dataEnergy));
    }
    const gap = dataEnergy - sampleEnergy;
    if (Math.abs(gap) > this.maxEnergyGap) {
      throw this.diverged(
        `iteration ${iteration}: the data/sample energy gap ${gap.toExponential(2)} exceeds ${this.maxEnergyGap.toExponential(2)}; ` +
          `lower the learning rate, add an energy penalty, or take more ${this.words.steps}`,
        iteration,
        done,
        false,
      );
    }
  }

  /** One optimiser step on θ; a step that makes θ non-finite is undone and throws. */
  update(optimizer: Optimizer, grad: Float32Array, iteration: number, done: number): void {
    this.backup.set(this.theta);
    optimizer.step(this.theta, grad);
    if (!allFinite(this.theta)) {
      this.theta.set(this.backup);
      throw new TrainingDivergedError(`iteration ${iteration}: the update made parameters non-finite; lower the learning rate (the model keeps θ of iteration ${done})`, iteration, done);
    }
    this.hasBackup = true;
  }

  /**
   * The error for a diverged iteration. When θ itself is broken (the data's energies are no longer finite), θ goes
   * back to its value before the last update, the last one that gave finite energies; the optimiser, RNG and chains
   * stay where they are, so resume from a saved checkpoint rather than from the trainer's state.
   */
  private diverged(reason: string, iteration: number, done: number, thetaBroken: boolean): TrainingDivergedError {
    let kept = done;
    if (thetaBroken && this.hasBackup) {
      this.theta.set(this.backup);
      this.hasBackup = false;
      kept = done - 1;
    }
    const which = kept === 0 ? 'its initial θ' : `θ of iteration ${kept}`;
    return new TrainingDivergedError(`${reason} (the model keeps ${which})`, iteration, kept);
  }
}

/** Whether every value is finite. */
export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

/** Mean of a[from … to). */
export function meanOfRange(a: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
}

/** Euclidean norm of a flat vector. */
export function l2Norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
