import type { EnergyFn } from './EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult, SamplerState } from './Sampler.js';
import { acceptanceResult, chainShape, checkPositive, checkSteps, meanOf } from './Sampler.js';
import { ConstraintSet } from './Constraint.js';
import { metropolisAccept } from './metropolisAccept.js';
import { adaptStepSize, checkAdaptation, type StepSizeAdaptation } from './stepSizeAdaptation.js';

/** Options of the Metropolis-adjusted Langevin algorithm. */
export interface MalaOptions {
  /** Number of MALA steps (proposals per chain) per run. */
  steps: number;
  /** δ: proposal noise std in x-units; the proposal mean is x − ½δ²·∂E/∂x. */
  stepSize: number;
  /** Adapt δ toward a target acceptance (warm-up only); omitted = fixed δ. */
  adapt?: StepSizeAdaptation;
}

/**
 * MALA (Roberts & Tweedie 1996): the Langevin proposal x′ = x − ½δ²·∂E/∂x(x) + δ·ε, accepted per chain with
 * probability min(1, exp(E(x) − E(x′) + log q(x | x′) − log q(x′ | x))), q(a | b) = N(a; b − ½δ²∇E(b), δ²I).
 * One EnergyFn call per step. Entries fixed by a mask are left out of q, so masked sampling stays exact.
 *
 * @example
 * const mala = new Mala({ steps: 200, stepSize: 0.1 });
 * const { x, acceptRate } = await mala.sample(energyFn, noiseChains(32, D, rng, { kind: 'gaussian' }), { rng });
 */
export class Mala implements Sampler {
  /** Registry name. */
  readonly name = 'mala';
  /** Configuration; an adapted step size is written back here. */
  readonly options: MalaOptions;

  /** @throws SamplerError for a negative step count, a non-positive step size and similar. */
  constructor(options: MalaOptions) {
    checkSteps('MALA steps', options.steps);
    checkPositive('MALA stepSize', options.stepSize);
    checkAdaptation(options.adapt);
    this.options = { ...options };
  }

  /** The current (possibly adapted) δ. */
  get stepSize(): number {
    return this.options.stepSize;
  }

  /** Runs the chains in place; see {@link Sampler.sample}. */
  async sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const steps = options.steps ?? this.options.steps;
    checkSteps('steps', steps);
    const rng = options.rng;
    const constraints = new ConstraintSet(options.constraints);
    constraints.apply(x);
    const ev0 = await energy(x);
    const { chains: N, dim: D } = chainShape(x, ev0.energy, ev0.grad);
    const free = constraints.freeMask(x.length);
    const e = Float32Array.from(ev0.energy);
    const g = Float32Array.from(ev0.grad);
    const xp = new Float32Array(x.length);
    const noise = new Float64Array(x.length);
    const accepted = new Float64Array(N);

    for (let t = 0; t < steps; t++) {
      const d = this.options.stepSize;
      const h = 0.5 * d * d;
      rng.fillNormal(noise); // one pass, same stream as a normal() per element
      for (let i = 0; i < x.length; i++) xp[i] = x[i] - h * g[i] + d * noise[i];
      constraints.apply(xp);
      const ev = await energy(xp);
      chainShape(xp, ev.energy, ev.grad);
      const ep = ev.energy;
      const gp = ev.grad;
      const inv2d2 = 1 / (2 * d * d);
      let acc = 0;
      for (let n = 0; n < N; n++) {
        const o = n * D;
        let fwd = 0; // ‖x′ − x + h∇E(x)‖² over free entries
        let bwd = 0; // ‖x − x′ + h∇E(x′)‖²
        for (let i = o; i < o + D; i++) {
          const w = free ? free[i] : 1;
          const dx = xp[i] - x[i];
          const f = dx + h * g[i];
          const b = -dx + h * gp[i];
          fwd += w * f * f;
          bwd += w * b * b;
        }
        const logRatio = e[n] - ep[n] + (fwd - bwd) * inv2d2;
        if (metropolisAccept(logRatio, rng)) {
          x.set(xp.subarray(o, o + D), o);
          g.set(gp.subarray(o, o + D), o);
          e[n] = ep[n];
          accepted[n]++;
          acc++;
        }
      }
      if (this.options.adapt) this.options.stepSize = adaptStepSize(d, acc / N, this.options.adapt);
      options.onStep?.(t, meanOf(e), x);
    }
    return acceptanceResult(x, e, accepted, steps, N, D);
  }

  /** Options with the adapted δ, JSON-serialisable. */
  state(): SamplerState {
    return { name: this.name, options: { ...this.options } };
  }
}
