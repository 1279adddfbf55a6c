import type { EnergyFn } from './EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult, SamplerState } from './Sampler.js';
import { acceptanceResult, chainShape, checkPositive, checkSteps, meanOf } from './Sampler.js';
import { ConstraintSet } from './Constraint.js';
import { SamplerError } from './SamplerError.js';
import { metropolisAccept } from './metropolisAccept.js';
import { adaptStepSize, checkAdaptation, type StepSizeAdaptation } from './stepSizeAdaptation.js';

/** Options of Hamiltonian Monte Carlo. */
export interface HmcOptions {
  /** Number of HMC iterations (trajectories per chain) per run. */
  steps: number;
  /** ε, the leapfrog step in x-units (with unit mass). */
  stepSize: number;
  /** L, leapfrog steps per trajectory; each costs one EnergyFn call. */
  leapfrogSteps: number;
  /**
   * Diagonal mass m [D] shared by all chains (momentum p ~ N(0, diag m), kinetic energy Σ pᵢ²/2mᵢ); default 1.
   * Setting mᵢ ≈ 1/Var(xᵢ) preconditions an axis-aligned, badly scaled target.
   */
  mass?: Float32Array | readonly number[];
  /**
   * Jitter ε by a uniform factor in [1 − j, 1 + j] per iteration (Neal 2011, §5.4.2) so that no direction's
   * trajectory is periodic; default 0.
   */
  jitter?: number;
  /** Adapt ε toward a target acceptance (warm-up only); omitted = fixed ε. */
  adapt?: StepSizeAdaptation;
}

/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011): fresh momentum p ~ N(0, M), L leapfrog steps of size ε
 * on H(x, p) = E(x) + ½pᵀM⁻¹p, then accept per chain with min(1, exp(H(x, p) − H(x′, p′))). L EnergyFn calls per
 * iteration. Entries fixed by a mask get zero momentum, so masked sampling stays exact.
 *
 * @example
 * const hmc = new Hmc({ steps: 100, stepSize: 0.1, leapfrogSteps: 20, jitter: 0.2 });
 * const { x, acceptRate } = await hmc.sample(energyFn, noiseChains(32, D, rng, { kind: 'gaussian' }), { rng });
 */
export class Hmc implements Sampler {
  /** Registry name. */
  readonly name = 'hmc';
  /** Configuration; an adapted step size is written back here. */
  readonly options: HmcOptions;

  /** @throws SamplerError for a negative step count, a non-positive step size and similar. */
  constructor(options: HmcOptions) {
    checkSteps('HMC steps', options.steps);
    checkPositive('HMC stepSize', options.stepSize);
    if (!Number.isInteger(options.leapfrogSteps) || options.leapfrogSteps < 1) {
      throw new SamplerError(`HMC leapfrogSteps must be a whole number ≥ 1, got ${options.leapfrogSteps}`);
    }
    const j = options.jitter ?? 0;
    if (!(j >= 0 && j < 1)) throw new SamplerError(`HMC jitter must lie in [0, 1), got ${j}`);
    if (options.mass) for (let i = 0; i < options.mass.length; i++) checkPositive(`HMC mass[${i}]`, options.mass[i]);
    checkAdaptation(options.adapt);
    this.options = { ...options, mass: options.mass ? Float32Array.from(options.mass) : undefined };
  }

  /** The current (possibly adapted) ε. */
  get stepSize(): number {
    return this.options.stepSize;
  }

  /** Runs the chains in place; see {@link Sampler.sample}. */
  async sample(energy: EnergyFn, x: Float32Array, options: SampleOptions): Promise<SampleResult> {
    const steps = options.steps ?? this.options.steps;
    checkSteps('steps', steps);
    const rng = options.rng;
    const L = this.options.leapfrogSteps;
    const jitter = this.options.jitter ?? 0;
    const constraints = new ConstraintSet(options.constraints);
    constraints.apply(x);
    const ev0 = await energy(x);
    const { chains: N, dim: D } = chainShape(x, ev0.energy, ev0.grad);
    const invMass = new Float64Array(D).fill(1);
    const sqrtMass = new Float64Array(D).fill(1);
    const mass = this.options.mass;
    if (mass) {
      if (mass.length !== D) throw new SamplerError(`HMC mass has ${mass.length} entries for samples of ${D} values (give one per value)`);
      for (let i = 0; i < D; i++) (invMass[i] = 1 / mass[i]), (sqrtMass[i] = Math.sqrt(mass[i]));
    }
    const free = constraints.freeMask(x.length);
    const e = Float32Array.from(ev0.energy);
    const g = Float32Array.from(ev0.grad);
    const xp = new Float32Array(x.length);
    const p = new Float64Array(x.length);
    const h0 = new Float64Array(N);
    const accepted = new Float64Array(N);

    for (let t = 0; t < steps; t++) {
      const eps = jitter > 0 ? this.options.stepSize * (1 + jitter * (2 * rng.uniform() - 1)) : this.options.stepSize;
      // fresh momentum and the starting Hamiltonian per chain
      for (let n = 0; n < N; n++) {
        let k = 0;
        for (let i = 0, j = n * D; i < D; i++, j++) {
          const pj = (free ? free[j] : 1) * sqrtMass[i] * rng.normal();
          p[j] = pj;
          k += pj * pj * invMass[i];
        }
        h0[n] = e[n] + 0.5 * k;
      }
      xp.set(x);
      halfKick(p, g, 0.5 * eps, free);
      let ev = ev0;
      for (let l = 1; l <= L; l++) {
        for (let n = 0, j = 0; n < N; n++) for (let i = 0; i < D; i++, j++) xp[j] += eps * p[j] * invMass[i];
        constraints.apply(xp);
        ev = await energy(xp);
        chainShape(xp, ev.energy, ev.grad);
        halfKick(p, ev.grad, l === L ? 0.5 * eps : eps, free);
      }
      let acc = 0;
      for (let n = 0; n < N; n++) {
        const o = n * D;
        let k = 0;
        for (let i = 0; i < D; i++) k += p[o + i] * p[o + i] * invMass[i];
        if (metropolisAccept(h0[n] - (ev.energy[n] + 0.5 * k), rng)) {
          x.set(xp.subarray(o, o + D), o);
          g.set(ev.grad.subarray(o, o + D), o);
          e[n] = ev.energy[n];
          accepted[n]++;
          acc++;
        }
      }
      if (this.options.adapt) this.options.stepSize = adaptStepSize(this.options.stepSize, acc / N, this.options.adapt);
      options.onStep?.(t, meanOf(e), x);
    }
    return acceptanceResult(x, e, accepted, steps, N, D);
  }

  /** Options with the adapted ε, JSON-serialisable (mass as a number array). */
  state(): SamplerState {
    const { mass, ...rest } = this.options;
    return { name: this.name, options: { ...rest, ...(mass ? { mass: Array.from(mass) } : {}) } };
  }
}

/** p ← p − s·∂E/∂x, leaving fixed (masked) entries at zero momentum. */
function halfKick(p: Float64Array, grad: Float32Array, s: number, free: Float32Array | null): void {
  if (free) for (let j = 0; j < p.length; j++) p[j] -= s * grad[j] * free[j];
  else for (let j = 0; j < p.length; j++) p[j] -= s * grad[j];
}
