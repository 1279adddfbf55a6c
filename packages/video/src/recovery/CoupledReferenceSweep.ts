import { Rng, type EnergyFn, type SampleOptions, type SampleResult, type Sampler, type SamplerState } from '@ebm/core';

/**
 * A recovery sweep that also runs a coupled chain under the reference alone, for a low-variance posterior mean.
 *
 * Every call runs the wrapped sampler on the recovery x under the full energy (network + reference), then the same
 * sampler, from the same random state, on a companion y under the reference energy alone. With the reference
 * Gaussian (a quadratic energy), the difference d = x − y follows d ← d − a·Λd − a·∂f/∂x: the injected noise cancels
 * and d carries only the network's effect. So
 *
 *   mean ≈ μ_ref + average of (x − y) over the last sweeps,
 *
 * with μ_ref the reference's exact conditional mean (space-time harmonic interpolation), estimates the posterior mean
 * without the Monte Carlo noise of averaging x alone (which, in large gaps, stays several times the error of μ_ref
 * itself for the few hundred sweeps a CPU affords). A control variate in the classical sense.
 */
export class CoupledReferenceSweep implements Sampler {
  readonly name: string;
  private readonly companion: Float32Array;
  private readonly difference: Float64Array;
  private calls = 0;
  private averaged = 0;

  /**
   * @param inner the recovery sampler (Langevin)
   * @param reference the reference energy alone, x [N·D] → E, ∂E/∂x
   * @param start y's start, the recovery's start [N·D] (network units)
   * @param averageFrom 0-based call from which x − y is averaged (the last half of the iterations)
   */
  constructor(
    private readonly inner: Sampler,
    private readonly reference: EnergyFn,
    start: Float32Array,
    private readonly averageFrom: number,
  ) {
    this.name = inner.name;
    this.companion = start.slice();
    this.difference = new Float64Array(start.length);
  }

  async sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const saved = options.rng.state();
    const result = await this.inner.sample(energy, x, options);
    await this.inner.sample(this.reference, this.companion, { ...options, rng: Rng.fromState(saved), onStep: undefined });
    if (this.calls++ >= this.averageFrom) {
      for (let i = 0; i < x.length; i++) this.difference[i] += x[i] - this.companion[i];
      this.averaged++;
    }
    return result;
  }

  state(): SamplerState {
    return this.inner.state();
  }

  /**
   * μ_ref + the averaged difference, in place on `referenceMean` [N·D]; the observed entries stay as they are (both
   * chains hold them fixed, so their difference is 0).
   * @throws RangeError before any difference was averaged.
   */
  addAveragedDifference(referenceMean: Float32Array): Float32Array {
    if (this.averaged === 0) throw new RangeError('no sweep has been averaged yet');
    for (let i = 0; i < referenceMean.length; i++) referenceMean[i] += this.difference[i] / this.averaged;
    return referenceMean;
  }
}
