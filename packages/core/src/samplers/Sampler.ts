import type { Rng } from '../random/Rng.js';
import type { EnergyFn } from './EnergyFn.js';
import type { ConstraintLike } from './Constraint.js';
import { SamplerError } from './SamplerError.js';

/**
 * Progress report, called once after every step.
 * @param step 0-based step index
 * @param meanEnergy mean over chains of E at the state after this step (energy units of the EnergyFn)
 * @param x the live chain state [N·D] after this step; read it (previews, statistics), never write it
 */
export type StepCallback = (step: number, meanEnergy: number, x: Float32Array) => void;

/** Per-run options shared by every sampler. */
export interface SampleOptions {
  /** The only source of randomness; the run is a deterministic function of its state. */
  rng: Rng;
  /** Overrides the sampler's configured number of steps for this run. */
  steps?: number;
  /**
   * Applied in order to the start state, after every update (Langevin) and to every proposal before its
   * energy is evaluated (MALA, HMC, MH). Put a mask last to keep observed entries bit-identical.
   */
  constraints?: readonly ConstraintLike[];
  /** Progress callback, see {@link StepCallback}. */
  onStep?: StepCallback;
}

/** What a run returns. `x` is the array passed in, updated in place. */
export interface SampleResult {
  /** Final chain states [N·D], the same array that was passed in. */
  x: Float32Array;
  /** E at the final states [N]. */
  energy: Float32Array;
  /** Fraction of accepted proposals per chain [N] in [0, 1]; 1 for unadjusted Langevin; NaN after 0 steps of MH. */
  acceptRate: Float32Array;
  /** Mean of `acceptRate` over chains. */
  meanAcceptRate: number;
  /** Number of steps run. */
  steps: number;
  /** Number of chains N. */
  chains: number;
  /** Values per sample D. */
  dim: number;
}

/** A sampler's configuration (including anything it adapted), JSON-serialisable; see `samplerFromState`. */
export interface SamplerState {
  /** Registry name, e.g. `'hmc'`. */
  name: string;
  /** The constructor options that recreate this sampler in its current state. */
  options: Record<string, unknown>;
}

/**
 * One MCMC transition kernel over an energy, p(x) ∝ exp(−E(x)). Implementations run N independent chains at
 * once: one EnergyFn call per gradient evaluation serves the whole batch.
 */
export interface Sampler {
  /** Registry name of this sampler. */
  readonly name: string;
  /**
   * Runs the chains in place.
   * @param energy x [N·D] → { energy [N], grad [N·D] }
   * @param x start states [N·D], sample-major; overwritten with the final states (copy first to keep them)
   */
  sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult>;
  /** Configuration and adapted values, JSON-serialisable, for model files. */
  state(): SamplerState;
}

/**
 * N and D of a batch from its flat states [N·D] and the energies [N] the EnergyFn returned for it.
 * @throws SamplerError when x is not a whole number of samples or the gradient has the wrong length
 */
export function chainShape(x: Float32Array, energy: Float32Array, grad?: Float32Array): { chains: number; dim: number } {
  const chains = energy.length;
  if (chains === 0 || x.length === 0 || x.length % chains !== 0) {
    throw new SamplerError(
      `energy returned ${chains} values for ${x.length} inputs; ${x.length} is not a whole number of samples (check the batch size)`,
    );
  }
  if (grad && grad.length !== x.length) {
    throw new SamplerError(`energy returned a gradient of ${grad.length} values for ${x.length} inputs (they must match)`);
  }
  return { chains, dim: x.length / chains };
}

/** Mean of a Float32Array, accumulated in float64. */
export function meanOf(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : NaN;
}

/** Throws a SamplerError unless `value` is a finite number > 0 (or ≥ 0 with `allowZero`). */
export function checkPositive(name: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new SamplerError(`${name} must be a finite number ${allowZero ? '≥' : '>'} 0, got ${value}`);
  }
}

/** Throws a SamplerError unless `value` is a whole number ≥ 0. */
export function checkSteps(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new SamplerError(`${name} must be a whole number ≥ 0, got ${value}`);
}

/** A SampleResult from per-chain accept counts [N] over `steps` proposals each. */
export function acceptanceResult(x: Float32Array, energy: Float32Array, accepted: Float64Array, steps: number, chains: number, dim: number): SampleResult {
  const acceptRate = new Float32Array(chains);
  let sum = 0;
  for (let n = 0; n < chains; n++) {
    acceptRate[n] = steps > 0 ? accepted[n] / steps : NaN;
    sum += steps > 0 ? accepted[n] / steps : NaN;
  }
  return { x, energy, acceptRate, meanAcceptRate: sum / chains, steps, chains, dim };
}
