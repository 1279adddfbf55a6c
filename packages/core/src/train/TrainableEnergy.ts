import type { EnergyFn } from '../samplers/EnergyFn.js';

/**
 * What MCMC-MLE needs of an energy: its parameters θ (updated in place), per-sample energies, the
 * sampler's EnergyFn and the sample-weighted parameter gradient. EnergyModel implements it; so can an
 * analytic family written in TypeScript (the trainer's consistency tests use a Gaussian family).
 */
export interface TrainableEnergy {
  /** Flat parameters [P]. */
  readonly theta: Float32Array;
  /** Per-sample input shape; D = ∏ inputShape. */
  readonly inputShape: number[];
  /** E(x) [N] for x [N·D]. */
  energy(x: Float32Array): Promise<Float32Array>;
  /** The sampler's view: x [N·D] → E [N], dE/dx [N·D]. */
  energyFn(): EnergyFn;
  /** E(x) [N] and Σₙ wₙ ∂Eₙ/∂θ [P] (written into `out` when given). */
  /** Optional: a sampling-only snapshot with θ fixed (EnergyModel.freeze), used with `freezeSampling`. */
  freeze?(): { energyFn(): EnergyFn; dispose(): Promise<void> };
  paramGrad(x: Float32Array, weights: Float32Array, inShape?: number[], out?: Float32Array): Promise<{ energy: Float32Array; grad: Float32Array }>;
}
