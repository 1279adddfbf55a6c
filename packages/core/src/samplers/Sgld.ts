import type { EnergyFn } from './EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult, SamplerState } from './Sampler.js';
import { checkPositive, checkSteps } from './Sampler.js';
import { runLangevin } from './langevinStep.js';

/** Options of SGLD-style Langevin with separate step size and noise. */
export interface SgldOptions {
  /** Number of steps per run. */
  steps: number;
  /** α, the gradient coefficient, in x-units² per energy unit. */
  stepSize: number;
  /** η, the std of the added Gaussian noise, in x-units. η = √(2α) is the exact Langevin discretisation. */
  noiseStd: number;
  /** Clip each element of ∂E/∂x to [−c, c] before the step (IGEBM: 0.01); omitted = no clipping. */
  gradClip?: number;
  /** Clamp every value to [lo, hi] after each step (IGEBM: [0, 1]); omitted = no clamping. */
  clamp?: readonly [number, number];
}

/**
 * Langevin with decoupled step and noise as used to train EBMs in practice: x ← x − α·clip(∂E/∂x) + η·ε.
 * With η ≪ √(2α) this samples a tempered, sharpened target (that is the point in JEM and short-run MCMC).
 * Unadjusted; acceptance is reported as 1.
 *
 * @example
 * const sgld = new Sgld(SGLD_PRESETS.jem);                 // 20 steps, α = 1, η = 0.01
 * const igebm = new Sgld(SGLD_PRESETS.igebm);              // 60 steps, α = 10, η = 0.005, clip 0.01, clamp [0, 1]
 * const { x } = await sgld.sample(model.energyFn(), buffer.draw(64, rng).x, { rng });
 */
export class Sgld implements Sampler {
  /** Registry name. */
  readonly name = 'sgld';
  /** Configuration; an adapted step size is written back here. */
  readonly options: SgldOptions;

  /** @throws SamplerError for a negative step count, a non-positive step size and similar. */
  constructor(options: SgldOptions) {
    checkSteps('SGLD steps', options.steps);
    checkPositive('SGLD stepSize', options.stepSize);
    checkPositive('SGLD noiseStd', options.noiseStd, true);
    if (options.gradClip !== undefined) checkPositive('SGLD gradClip', options.gradClip);
    this.options = { ...options };
  }

  /** Runs the chains in place; see {@link Sampler.sample}. */
  sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const { stepSize, noiseStd, gradClip, clamp, steps } = this.options;
    return runLangevin(energy, x, options, steps, { gradScale: stepSize, noiseStd, gradClip }, clamp);
  }

  /** The options, JSON-serialisable. */
  state(): SamplerState {
    return { name: this.name, options: { ...this.options } };
  }
}

/**
 * Published SGLD settings. `jem`: Grathwohl et al., "Your Classifier is Secretly an Energy Based Model" (ICLR 2020),
 * 20 steps, α = 1, η = 0.01 on images in [−1, 1]. `igebm`: Du & Mordatch, "Implicit Generation and Generalization in
 * Energy-Based Models" (NeurIPS 2019), as in igebm-pytorch: 60 steps, α = 10, η = 0.005, gradient clipped to ±0.01,
 * images clamped to [0, 1], buffer reinitialisation 0.05. One difference: igebm-pytorch adds the noise first and takes the
 * gradient at the noisy point; here both enter one update with the gradient at the current point.
 */
export const SGLD_PRESETS = {
  jem: { steps: 20, stepSize: 1, noiseStd: 0.01 },
  igebm: { steps: 60, stepSize: 10, noiseStd: 0.005, gradClip: 0.01, clamp: [0, 1] },
} as const satisfies Record<string, SgldOptions>;
