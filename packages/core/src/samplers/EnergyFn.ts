/**
 * The one contract between energies and samplers.
 *
 * `x` is a batch of N samples laid out flat, sample-major: x[n * D + i] for sample n and coordinate i
 * (for a network, D = C·H·W or C·T·H·W in NCHW order). The function returns the energy of every sample,
 * `energy: [N]`, and its gradient with respect to x, `grad: [N·D]`, same layout as x. Compiled networks
 * (EnergyModel.energyFn) and analytic energies written in TypeScript both satisfy it.
 */
export type EnergyFn = (x: Float32Array) => Promise<EnergyAndGrad>;

/** Energies [N] and their input gradients [N·D] for one batch. */
export interface EnergyAndGrad {
  energy: Float32Array;
  grad: Float32Array;
}

/** Energy only, for Metropolis-Hastings acceptance: x [N·D] → E [N]. */
export type EnergyOnlyFn = (x: Float32Array) => Promise<Float32Array>;
