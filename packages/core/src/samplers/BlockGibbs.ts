import type { Rng } from '../random/Rng.js';
import type { ConstraintLike } from './Constraint.js';
import { ConstraintSet } from './Constraint.js';
import { type BoltzmannMachine, checkBoltzmannMachine, freeEnergy } from './BoltzmannMachine.js';
import { SamplerError } from './SamplerError.js';
import { checkSteps, meanOf } from './Sampler.js';

/** Options of block Gibbs sampling. */
export interface BlockGibbsOptions {
  /** Number of sweeps (h | v then v | h) per run. */
  steps: number;
}

/** Per-run options of block Gibbs sampling. */
export interface BlockGibbsRunOptions {
  /** The only source of randomness. */
  rng: Rng;
  /** Overrides the configured number of sweeps. */
  steps?: number;
  /** Applied to v [N·V] after every v | h draw, e.g. `observedMask` to sample p(v_free | v_observed). */
  constraints?: readonly ConstraintLike[];
  /** Called after every sweep with the mean free energy of v (computed only when a callback is given). */
  onStep?: (step: number, meanFreeEnergy: number, v: Float32Array) => void;
}

/** Result of a block Gibbs run. */
export interface BlockGibbsResult {
  /** Final visible states [N·V] in {0, 1}; the array passed in, updated in place. */
  v: Float32Array;
  /** Final hidden states [N·H] in {0, 1}, drawn from p(h | v) of the previous v. */
  h: Float32Array;
  /** Free energy F(v) of the final visible states [N]. */
  freeEnergy: Float32Array;
  /** Number of sweeps run. */
  steps: number;
}

/**
 * Block Gibbs sampling of a binary RBM: hⱼ ~ Bernoulli(σ(cⱼ + Σᵢ vᵢWᵢⱼ)) for all j at once, then
 * vᵢ ~ Bernoulli(σ(bᵢ + Σⱼ Wᵢⱼhⱼ)) for all i at once; every draw is accepted. Not an EnergyFn sampler: it needs
 * the bipartite structure, so it takes the machine itself.
 *
 * @example
 * const gibbs = new BlockGibbs({ steps: 1000 });
 * const v0 = new Float32Array(64 * rbm.visible);           // 64 chains started at all-off
 * const { v, freeEnergy } = gibbs.sample(rbm, v0, { rng });
 */
export class BlockGibbs {
  /** Name of this sampler (not in the EnergyFn registry). */
  readonly name = 'block-gibbs';
  /** Configuration; an adapted step size is written back here. */
  readonly options: BlockGibbsOptions;

  /** @throws SamplerError for a step count that is not a whole number ≥ 0. */
  constructor(options: BlockGibbsOptions) {
    checkSteps('block Gibbs steps', options.steps);
    this.options = { ...options };
  }

  /**
   * Runs N chains in place.
   * @param v start visible states [N·V] in {0, 1}, overwritten with the final states
   */
  sample(rbm: BoltzmannMachine, v: Float32Array, options: BlockGibbsRunOptions): BlockGibbsResult {
    checkBoltzmannMachine(rbm);
    const steps = options.steps ?? this.options.steps;
    checkSteps('steps', steps);
    const { visible: V, hidden: H, W, b, c } = rbm;
    if (v.length === 0 || v.length % V !== 0) throw new SamplerError(`v has ${v.length} values, not a whole number of samples of ${V} visible units`);
    const N = v.length / V;
    const rng = options.rng;
    const constraints = new ConstraintSet(options.constraints);
    constraints.apply(v);
    const h = new Float32Array(N * H);
    const act = new Float64Array(Math.max(V, H));
    for (let t = 0; t < steps; t++) {
      for (let n = 0; n < N; n++) {
        const vo = n * V;
        const ho = n * H;
        // h | v
        for (let j = 0; j < H; j++) act[j] = c[j];
        for (let i = 0; i < V; i++) {
          const vi = v[vo + i];
          if (vi !== 0) for (let j = 0; j < H; j++) act[j] += vi * W[i * H + j];
        }
        for (let j = 0; j < H; j++) h[ho + j] = rng.uniform() < sigmoid(act[j]) ? 1 : 0;
        // v | h
        for (let i = 0; i < V; i++) {
          let a = b[i];
          for (let j = 0; j < H; j++) a += W[i * H + j] * h[ho + j];
          v[vo + i] = rng.uniform() < sigmoid(a) ? 1 : 0;
        }
      }
      constraints.apply(v);
      if (options.onStep) options.onStep(t, meanOf(freeEnergy(rbm, v)), v);
    }
    return { v, h, freeEnergy: freeEnergy(rbm, v), steps };
  }

  /** The options, JSON-serialisable. */
  state(): { name: string; options: Record<string, unknown> } {
    return { name: this.name, options: { ...this.options } };
  }
}

function sigmoid(a: number): number {
  return 1 / (1 + Math.exp(-a));
}
