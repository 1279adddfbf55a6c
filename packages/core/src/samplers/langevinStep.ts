import type { Rng } from '../random/Rng.js';
import type { EnergyFn } from './EnergyFn.js';
import type { SampleOptions, SampleResult } from './Sampler.js';
import { chainShape, checkSteps, meanOf } from './Sampler.js';
import { ConstraintSet, clampRange } from './Constraint.js';

/** Coefficients of one unadjusted Langevin update x ← x − a·(clip(∂E/∂x) + x/σ²) + η·ε, ε ~ N(0, I). */
export interface LangevinStepParams {
  /** a, the gradient coefficient (δ²/2 in Xie et al.'s form, α in SGLD), in x-units² per energy unit. */
  gradScale: number;
  /** η, the standard deviation of the added noise (δ in Xie et al., the SGLD noise std), in x-units. */
  noiseStd: number;
  /** σ of the reference Gaussian N(0, σ²I) added to the energy; Infinity or undefined turns the term off. */
  sigma?: number;
  /** c: clip each element of ∂E/∂x to [−c, c] before the step (IGEBM); undefined = no clipping. */
  gradClip?: number;
}

/** Scratch noise for {@link langevinStep}, grown to the largest batch seen. */
let noise = new Float64Array(0);

/**
 * One unadjusted Langevin update of all chains, in place:
 * x ← x − a·(clip(∂E/∂x, −c, c) + x/σ²) + η·ε.
 * The clip applies to the energy gradient only, not to the reference term.
 * @param x states [N·D], updated in place
 * @param grad ∂E/∂x at x [N·D]
 */
export function langevinStep(x: Float32Array, grad: Float32Array, params: LangevinStepParams, rng: Rng): void {
  // The noise is drawn in one pass (same stream as rng.normal() per element), kept in float64.
  if (noise.length < x.length) noise = new Float64Array(x.length);
  rng.fillNormal(noise.length === x.length ? noise : noise.subarray(0, x.length));
  const a = params.gradScale;
  const eta = params.noiseStd;
  const invS2 = params.sigma === undefined || !Number.isFinite(params.sigma) ? 0 : 1 / (params.sigma * params.sigma);
  const clip = params.gradClip;
  if (clip === undefined) {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      x[i] = xi - a * (grad[i] + xi * invS2) + eta * noise[i];
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      const g = grad[i];
      const gc = g > clip ? clip : g < -clip ? -clip : g;
      x[i] = xi - a * (gc + xi * invS2) + eta * noise[i];
    }
  }
}

/**
 * The unadjusted Langevin loop shared by `Langevin` and `Sgld`: evaluate, step, clamp, constrain, repeat.
 * Costs steps + 1 EnergyFn calls; the last one gives the final energies.
 * @param clamp optional [lo, hi] applied after each update, before the run's constraints
 */
export async function runLangevin(
  energy: EnergyFn,
  x: Float32Array,
  options: SampleOptions,
  defaultSteps: number,
  params: LangevinStepParams,
  clamp: readonly [number, number] | undefined,
): Promise<SampleResult> {
  const steps = options.steps ?? defaultSteps;
  checkSteps('steps', steps);
  const constraints = new ConstraintSet(clamp ? [clampRange(clamp[0], clamp[1]), ...(options.constraints ?? [])] : options.constraints);
  constraints.apply(x);
  let ev = await energy(x);
  const { chains, dim } = chainShape(x, ev.energy, ev.grad);
  for (let t = 0; t < steps; t++) {
    langevinStep(x, ev.grad, params, options.rng);
    constraints.apply(x);
    ev = await energy(x);
    chainShape(x, ev.energy, ev.grad);
    options.onStep?.(t, meanOf(ev.energy), x);
  }
  return {
    x,
    energy: Float32Array.from(ev.energy),
    acceptRate: new Float32Array(chains).fill(1),
    meanAcceptRate: 1,
    steps,
    chains,
    dim,
  };
}
