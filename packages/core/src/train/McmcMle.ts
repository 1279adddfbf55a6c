import type { TrainableEnergy } from './TrainableEnergy.js';
import type { Optimizer, OptimizerState } from '../optim/Optimizer.js';
import { restoreOptimizer } from '../optim/restoreOptimizer.js';
import { Rng, type RngState } from '../random/Rng.js';
import type { Sampler, SampleResult } from '../samplers/Sampler.js';
import type { ConstraintLike } from '../samplers/Constraint.js';
import { samplerFromState } from '../samplers/registry.js';
import type { SamplerState } from '../samplers/Sampler.js';
import { DEFAULT_NOISE, noiseChains, type NoiseInit } from '../chains/noiseChains.js';
import { dataChains } from '../chains/dataChains.js';
import { PersistentChains, type PersistentChainsState } from '../chains/PersistentChains.js';
import { ReplayBuffer, type ReplayBufferState } from '../chains/ReplayBuffer.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { DivergenceGuard, l2Norm, meanOfRange } from './DivergenceGuard.js';

/** Where each iteration's chains start: fresh noise (short-run), data (contrastive divergence), a persistent set, a replay buffer. */
export type ChainStart = 'noise' | 'data' | 'persistent' | 'replay';

/** Options of {@link McmcMle}. */
export interface McmcMleOptions {
  sampler: Sampler;
  optimizer: Optimizer;
  /** Chain start per iteration; default 'noise'. */
  init?: ChainStart;
  /** Synthesized samples per iteration (chains); default = batchSize. */
  chains?: number;
  /** Data samples per iteration, drawn with replacement when fewer than the data; default: all data, at most 16. */
  batchSize?: number;
  /** Noise for fresh chains; default uniform in [−1, 1). */
  noise?: NoiseInit;
  /** Replay buffer capacity and reinitialisation probability (init 'replay'); defaults 10 000 and 0.05. */
  replay?: { capacity?: number; reinitProb?: number };
  /** α of the energy-magnitude penalty α·(E(data)² + E(samples)²), as in IGEBM; default 0. */
  energyPenalty?: number;
  /** Clip the parameter gradient to this L2 norm; default: no clipping. */
  maxGradNorm?: number;
  /** Stop when |mean E(data) − mean E(samples)| exceeds this; default 1e7. */
  maxEnergyGap?: number;
  /** Constraints for the sampler (e.g. a clamp to the data range). */
  constraints?: readonly ConstraintLike[];
  /**
   * Sample each iteration from a snapshot with θ baked into the graphs (EnergyModel.freeze): faster steps
   * (onnxruntime's blocked conv kernels) for one session build per iteration, so worth it for many or
   * heavy sampler steps; default false.
   */
  freezeSampling?: boolean;
  /** Seed of the trainer's RNG (data batches, chain starts, sampler noise); default 0. */
  seed?: number;
}

/** Per-iteration settings of {@link McmcMle.step}. */
export interface StepOptions {
  /**
   * This iteration's chain starts [M·D], used instead of the trainer's `init` (the trainer copies them; M =
   * start.length / D chains). For conditional short-run learning: data with a region replaced by an interpolation
   * plus noise, so the model learns the very dynamics that fill a hole from such a start.
   */
  start?: Float32Array;
  /** Constraints of this iteration's sampler run only, applied after the trainer's own (e.g. the observed entries of `start` held fixed). */
  constraints?: readonly ConstraintLike[];
}

/** Reported after every iteration. Energies are means over the batch in the model's energy units. */
export interface TrainEvent {
  /** 1-based count of iterations done. */
  iteration: number;
  dataEnergy: number;
  sampleEnergy: number;
  /** mean E(data) − mean E(samples): negative while the model tells data from samples. */
  gap: number;
  /** Mean acceptance rate of this iteration's sampler run (1 for unadjusted Langevin). */
  acceptRate: number;
  /** L2 norm of the parameter gradient before clipping. */
  gradNorm: number;
  /** Wall-clock seconds of this iteration. */
  seconds: number;
  /** This iteration's samples [chains·D] (live buffer: copy to keep). */
  samples: Float32Array;
}

/** Everything needed to continue training exactly where it stopped (stored in model files). */
export interface McmcMleState {
  iteration: number;
  rng: RngState;
  optimizer: OptimizerState;
  sampler: SamplerState;
  init: ChainStart;
  chains: number;
  batchSize: number;
  noise: NoiseInit;
  energyPenalty: number;
  freezeSampling?: boolean;
  maxGradNorm?: number;
  maxEnergyGap: number;
  persistent?: PersistentChainsState;
  replay?: ReplayBufferState;
  /** Replay options, so a trainer saved before its buffer exists still creates the configured one. */
  replayOptions?: { capacity?: number; reinitProb?: number };
}

/**
 * MCMC maximum likelihood, "analysis by synthesis": each iteration synthesizes samples with the sampler,
 * then moves θ along −(mean ∂E/∂θ(data) − mean ∂E/∂θ(samples)) (plus the optional energy penalty) with the
 * optimiser. Seeded and deterministic on the CPU; {@link McmcMle.state} + {@link McmcMle.restore} resume exactly.
 *
 * Data are flat [N·D] in the model's input layout (normalised as the network expects).
 */
export class McmcMle {
  iteration = 0;
  readonly rng: Rng;
  readonly sampler: Sampler;
  readonly optimizer: Optimizer;
  readonly init: ChainStart;
  readonly noise: NoiseInit;
  readonly energyPenalty: number;
  readonly maxGradNorm?: number;
  readonly maxEnergyGap: number;
  readonly constraints: readonly ConstraintLike[];
  readonly freezeSampling: boolean;
  private batchSizeOpt?: number;
  private chainsOpt?: number;
  private persistent?: PersistentChains;
  private replay?: ReplayBuffer;
  private readonly replayOpts: { capacity?: number; reinitProb?: number };
  private readonly dim: number;
  private grad: Float32Array;
  private readonly guard: DivergenceGuard;

  constructor(
    readonly model: TrainableEnergy,
    options: McmcMleOptions,
  ) {
    this.sampler = options.sampler;
    this.optimizer = options.optimizer;
    this.init = options.init ?? 'noise';
    this.noise = options.noise ?? DEFAULT_NOISE;
    this.energyPenalty = options.energyPenalty ?? 0;
    this.maxGradNorm = options.maxGradNorm;
    this.maxEnergyGap = options.maxEnergyGap ?? 1e7;
    this.constraints = options.constraints ?? [];
    this.freezeSampling = options.freezeSampling ?? false;
    this.batchSizeOpt = options.batchSize;
    this.chainsOpt = options.chains;
    this.replayOpts = options.replay ?? {};
    this.rng = new Rng(options.seed ?? 0);
    this.dim = shapeSize(model.inputShape);
    this.grad = new Float32Array(model.theta.length);
    this.guard = new DivergenceGuard(model.theta, this.maxEnergyGap);
  }

  /** Rebuilds a trainer from a saved state (the model holds the saved θ), with fresh constraints if any. */
  static restore(model: TrainableEnergy, s: McmcMleState, constraints: readonly ConstraintLike[] = []): McmcMle {
    const t = new McmcMle(model, {
      sampler: samplerFromState(s.sampler),
      optimizer: restoreOptimizer(s.optimizer),
      init: s.init,
      chains: s.chains,
      batchSize: s.batchSize,
      noise: s.noise,
      energyPenalty: s.energyPenalty,
      freezeSampling: s.freezeSampling,
      // JSON turns Infinity into null: no clipping, no gap limit.
      maxGradNorm: s.maxGradNorm === null ? Infinity : s.maxGradNorm,
      maxEnergyGap: s.maxEnergyGap === null ? Infinity : s.maxEnergyGap,
      replay: s.replayOptions,
      constraints,
    });
    t.iteration = s.iteration;
    Object.assign(t, { rng: Rng.fromState(s.rng) });
    if (s.persistent) t.persistent = PersistentChains.fromJSON(s.persistent);
    if (s.replay) t.replay = ReplayBuffer.fromJSON(s.replay);
    return t;
  }

  /** The resumable state after the last completed iteration. */
  state(): McmcMleState {
    return {
      iteration: this.iteration,
      rng: this.rng.state(),
      optimizer: this.optimizer.state(),
      sampler: this.sampler.state(),
      init: this.init,
      chains: this.chainsOpt ?? 0,
      batchSize: this.batchSizeOpt ?? 0,
      noise: this.noise,
      energyPenalty: this.energyPenalty,
      freezeSampling: this.freezeSampling,
      maxGradNorm: this.maxGradNorm,
      maxEnergyGap: this.maxEnergyGap,
      persistent: this.persistent?.toState(),
      replay: this.replay?.toState(),
      replayOptions: this.init === 'replay' ? { ...this.replayOpts } : undefined,
    };
  }

  /**
   * Runs `iterations` more iterations on `data` [N·D], yielding an event after each.
   * @throws TrainingDivergedError; θ is left at the last good iteration, the last one whose parameters gave finite
   *   energies on the data (see the error's `modelIteration`)
   */
  async *run(data: Float32Array, iterations: number): AsyncGenerator<TrainEvent> {
    for (let i = 0; i < iterations; i++) yield await this.step(data);
  }

  /**
   * One iteration: synthesize, compare, update θ.
   * @param data [N·D] training data.
   * @param options this iteration's own chain starts and constraints; default the trainer's `init` and constraints.
   */
  async step(data: Float32Array, options: StepOptions = {}): Promise<TrainEvent> {
    const t0 = performance.now();
    const D = this.dim;
    if (data.length === 0 || data.length % D !== 0) {
      throw new RangeError(`training data has ${data.length} values, not whole samples of ${D}`);
    }
    const given = options.start;
    if (given && (given.length === 0 || given.length % D !== 0)) {
      throw new RangeError(`chain start has ${given.length} values, not whole samples of ${D}`);
    }
    const nData = data.length / D;
    const B = this.batchSizeOpt || Math.min(nData, 16);
    const M = given ? given.length / D : this.chainsOpt || B;
    const iteration = this.iteration + 1;

    // Data batch: all data when it fits the batch exactly, else drawn with replacement.
    const batch = B === nData ? data.slice() : dataChains(data, D, { n: B, rng: this.rng });

    // Synthesis.
    const start = given ? { x: given.slice(), finish: () => {} } : this.chainStart(data, M);
    const constraints = options.constraints ? [...this.constraints, ...options.constraints] : this.constraints;
    const snapshot = this.freezeSampling && this.model.freeze ? this.model.freeze() : undefined;
    let res: SampleResult;
    try {
      res = await this.sampler.sample((snapshot ?? this.model).energyFn(), start.x, { rng: this.rng, constraints });
    } finally {
      await snapshot?.dispose();
    }
    const samples = res.x;
    await this.guard.checkSamples(samples, iteration, this.iteration, () => this.model.energy(batch));
    start.finish(samples);

    // Parameter gradient: Σ wₙ ∂Eₙ/∂θ over [data; samples].
    const x = new Float32Array((B + M) * D);
    x.set(batch, 0);
    x.set(samples, B * D);
    const w = new Float32Array(B + M);
    const alpha = this.energyPenalty;
    const dataE = alpha > 0 ? await this.model.energy(batch) : undefined;
    for (let n = 0; n < B; n++) w[n] = (1 + (dataE ? 2 * alpha * dataE[n] : 0)) / B;
    for (let m = 0; m < M; m++) w[B + m] = (-1 + (alpha > 0 ? 2 * alpha * res.energy[m] : 0)) / M;
    const { energy } = await this.model.paramGrad(x, w, undefined, this.grad);
    const dataEnergy = meanOfRange(energy, 0, B);
    const sampleEnergy = meanOfRange(energy, B, B + M);
    const gap = dataEnergy - sampleEnergy;
    const gradNorm = l2Norm(this.grad);
    this.guard.checkEnergies(iteration, this.iteration, dataEnergy, sampleEnergy, gradNorm);
    if (this.maxGradNorm !== undefined && gradNorm > this.maxGradNorm) {
      const s = this.maxGradNorm / gradNorm;
      for (let i = 0; i < this.grad.length; i++) this.grad[i] *= s;
    }
    this.guard.update(this.optimizer, this.grad, iteration, this.iteration);
    this.iteration = iteration;
    return {
      iteration,
      dataEnergy,
      sampleEnergy,
      gap,
      acceptRate: res.meanAcceptRate,
      gradNorm,
      seconds: (performance.now() - t0) / 1000,
      samples,
    };
  }

  /** Start states for M chains and what to do with the finished samples. */
  private chainStart(data: Float32Array, M: number): { x: Float32Array; finish: (samples: Float32Array) => void } {
    const D = this.dim;
    switch (this.init) {
      case 'noise':
        return { x: noiseChains(M, D, this.rng, this.noise), finish: () => {} };
      case 'data':
        return { x: dataChains(data, D, { n: M, rng: this.rng }), finish: () => {} };
      case 'persistent': {
        if (!this.persistent || this.persistent.chains !== M) this.persistent = PersistentChains.fromNoise(M, D, this.rng, this.noise);
        const p = this.persistent;
        return { x: p.x.slice(), finish: (s) => { p.x.set(s); p.iterations++; } };
      }
      case 'replay': {
        this.replay ??= new ReplayBuffer({
          capacity: this.replayOpts.capacity ?? 10_000,
          dim: D,
          reinitProb: this.replayOpts.reinitProb ?? 0.05,
          init: this.noise,
        });
        const r = this.replay;
        const draw = r.draw(M, this.rng);
        return { x: draw.x, finish: (s) => r.push(s, this.rng) };
      }
    }
  }
}
