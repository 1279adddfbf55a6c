import type { EnergyFn, EnergyOnlyFn } from './EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult, SamplerState } from './Sampler.js';
import { acceptanceResult, chainShape, checkPositive, checkSteps, meanOf } from './Sampler.js';
import { ConstraintSet } from './Constraint.js';
import { metropolisAccept } from './metropolisAccept.js';
import { adaptStepSize, checkAdaptation, type StepSizeAdaptation } from './stepSizeAdaptation.js';

/** Options of random-walk Metropolis-Hastings. */
export interface RandomWalkMetropolisOptions {
  /** Number of proposals per chain per run. */
  steps: number;
  /** s: std of the Gaussian proposal x′ = x + s·ε, in x-units. */
  proposalStd: number;
  /** Adapt s toward a target acceptance (warm-up only; 0.234 is the classic high-dimensional optimum). */
  adapt?: StepSizeAdaptation;
}

/**
 * Random-walk Metropolis-Hastings (Metropolis et al. 1953): propose x′ = x + s·ε, ε ~ N(0, I), accept per chain
 * with min(1, exp(E(x) − E(x′))). Needs energies only: use `sampleEnergyOnly` with the energy graph to skip the
 * gradient. One EnergyFn call per step.
 *
 * @example
 * const mh = new RandomWalkMetropolis({ steps: 1000, proposalStd: 0.5 });
 * const { x, acceptRate } = await mh.sampleEnergyOnly(energyOnly, noiseChains(64, D, rng), { rng });
 */
export class RandomWalkMetropolis implements Sampler {
  /** Registry name. */
  readonly name = 'random-walk-mh';
  /** Configuration; an adapted step size is written back here. */
  readonly options: RandomWalkMetropolisOptions;

  /** @throws SamplerError for a negative step count, a non-positive step size and similar. */
  constructor(options: RandomWalkMetropolisOptions) {
    checkSteps('MH steps', options.steps);
    checkPositive('MH proposalStd', options.proposalStd);
    checkAdaptation(options.adapt);
    this.options = { ...options };
  }

  /** Runs the chains in place with an EnergyFn (its gradient is ignored); see {@link Sampler.sample}. */
  sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    return this.sampleEnergyOnly(async (z) => (await energy(z)).energy, x, options);
  }

  /**
   * Runs the chains in place with an energy-only function.
   * @param energy x [N·D] → E [N]
   * @param x start states [N·D], overwritten with the final states
   */
  async sampleEnergyOnly(energy: EnergyOnlyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const steps = options.steps ?? this.options.steps;
    checkSteps('steps', steps);
    const rng = options.rng;
    const constraints = new ConstraintSet(options.constraints);
    constraints.apply(x);
    const e = Float32Array.from(await energy(x));
    const { chains: N, dim: D } = chainShape(x, e);
    const xp = new Float32Array(x.length);
    const noise = new Float64Array(x.length);
    const accepted = new Float64Array(N);
    for (let t = 0; t < steps; t++) {
      const s = this.options.proposalStd;
      rng.fillNormal(noise); // one pass, same stream as a normal() per element
      for (let i = 0; i < x.length; i++) xp[i] = x[i] + s * noise[i];
      constraints.apply(xp);
      const ep = await energy(xp);
      chainShape(xp, ep);
      let acc = 0;
      for (let n = 0; n < N; n++) {
        if (metropolisAccept(e[n] - ep[n], rng)) {
          x.set(xp.subarray(n * D, n * D + D), n * D);
          e[n] = ep[n];
          accepted[n]++;
          acc++;
        }
      }
      if (this.options.adapt) this.options.proposalStd = adaptStepSize(s, acc / N, this.options.adapt);
      options.onStep?.(t, meanOf(e), x);
    }
    return acceptanceResult(x, e, accepted, steps, N, D);
  }

  /** Options with the adapted s, JSON-serialisable. */
  state(): SamplerState {
    return { name: this.name, options: { ...this.options } };
  }
}
