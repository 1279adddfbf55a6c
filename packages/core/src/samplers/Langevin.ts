import type { EnergyFn } from './EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult, SamplerState } from './Sampler.js';
import { checkPositive, checkSteps } from './Sampler.js';
import { runLangevin } from './langevinStep.js';
import { SamplerError } from './SamplerError.js';

/** Options of Xie et al.'s Langevin dynamics. */
export interface LangevinOptions {
  /** Number of Langevin steps per run. */
  steps: number;
  /** δ, the step size: the noise std in x-units; the gradient coefficient is δ²/2. */
  stepSize: number;
  /**
   * σ of the reference Gaussian N(0, σ²I) of Xie et al. (2016), p(x) ∝ exp(−E(x)) · N(x; 0, σ²I). Omit (or pass
   * Infinity) when the EnergyFn already contains it or there is none.
   */
  sigma?: number;
  /** Clip each element of ∂E/∂x to [−c, c] before the step (IGEBM); omitted = no clipping. */
  gradClip?: number;
  /** Clamp every value to [lo, hi] after each step (IGEBM uses [0, 1]); omitted = no clamping. */
  clamp?: readonly [number, number];
}

/**
 * Langevin dynamics in the form of Xie et al., "A Theory of Generative ConvNet" (ICML 2016):
 * x ← x − ½δ²·(x/σ² + ∂E/∂x) + δ·ε, ε ~ N(0, I). Unadjusted (no accept/reject): its stationary distribution is
 * off the target by O(δ²); acceptance is reported as 1.
 *
 * @example
 * const langevin = new Langevin({ steps: 30, stepSize: 0.3, sigma: 1 });
 * const { x, energy } = await langevin.sample(model.energyFn(), noiseChains(16, D, rng), { rng });
 */
export class Langevin implements Sampler {
  /** Registry name. */
  readonly name = 'langevin';
  /** Configuration; an adapted step size is written back here. */
  readonly options: LangevinOptions;

  /** @throws SamplerError for a negative step count, a non-positive step size and similar. */
  constructor(options: LangevinOptions) {
    checkSteps('Langevin steps', options.steps);
    checkPositive('Langevin stepSize', options.stepSize);
    if (options.sigma !== undefined && !(options.sigma > 0)) throw new SamplerError(`Langevin sigma must be > 0 (Infinity = no reference) or omitted, got ${options.sigma}`);
    if (options.gradClip !== undefined) checkPositive('Langevin gradClip', options.gradClip);
    this.options = { ...options };
  }

  /** Runs the chains in place; see {@link Sampler.sample}. */
  sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const { stepSize: d, sigma, gradClip, clamp, steps } = this.options;
    return runLangevin(energy, x, options, steps, { gradScale: 0.5 * d * d, noiseStd: d, sigma, gradClip }, clamp);
  }

  /** The options, JSON-serialisable. */
  state(): SamplerState {
    return { name: this.name, options: { ...this.options, sigma: finiteOrUndefined(this.options.sigma) } };
  }
}

function finiteOrUndefined(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined; // JSON has no Infinity
}
