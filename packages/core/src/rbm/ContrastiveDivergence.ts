import { Rng } from '../random/Rng.js';
import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { checkBoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { RbmError } from './RbmError.js';
import type { ExecutionOptions } from '../runtime/ExecutionOptions.js';
import { bernoulli, sigmoidInPlace } from './rbmConditionals.js';
import { RbmProducts } from './RbmProducts.js';

/** Options of {@link ContrastiveDivergence}; defaults from Hinton's "A practical guide to training RBMs" (2010). */
export interface ContrastiveDivergenceOptions {
  /** Gibbs sweeps of the negative phase (CD-k); default 1. */
  k?: number;
  /** Persistent CD (Tieleman 2008): the negative chains carry over between updates instead of restarting at the data. */
  persistent?: boolean;
  /** Learning rate of W, b and c; default 0.05. */
  learningRate?: number;
  /** Momentum after the first `momentumWarmupEpochs` epochs (0.5 before); default 0.9. */
  momentum?: number;
  /** Epochs at momentum 0.5; default 5. */
  momentumWarmupEpochs?: number;
  /** L2 weight decay on W (not on the biases); default 2e-4. */
  weightDecay?: number;
  /** Digits per update (and persistent chains); default 100. */
  batchSize?: number;
  /**
   * Epochs over which the learning rate falls linearly to 0 (Tieleman's schedule for PCD, whose chains need ever
   * smaller steps to stay near the model); 0 (default) keeps it constant.
   */
  decayEpochs?: number;
  /** Seed of the shuffles and Gibbs draws; default 0. */
  seed?: number;
}

/** What one epoch reports. */
export interface RbmEpochEvent {
  /** 1-based epoch count. */
  epoch: number;
  /** Mean over the epoch's digits of Σᵢ (vᵢ − p(vᵢ = 1 | h))², h ~ p(h | v): squared error per digit. */
  reconstructionError: number;
  /** Wall-clock seconds of the epoch. */
  seconds: number;
}

/**
 * Trains a Bernoulli–Bernoulli RBM by contrastive divergence (Hinton 2002) or persistent contrastive divergence
 * (Tieleman 2008) with weight decay and momentum. The update of W is ⟨v pᵀ⟩_data − ⟨v pᵀ⟩_model − λW with p = p(h = 1 | v)
 * (hidden probabilities, not draws, in the statistics), the model term from k Gibbs sweeps started at the batch (CD)
 * or at the persistent chains (PCD). The matrix products run in onnxruntime ({@link RbmProducts}); the Bernoulli draws
 * and updates in TypeScript with the trainer's seeded RNG.
 *
 * @example
 * const cd = new ContrastiveDivergence(rbm, { k: 1, persistent: true }, { threads: 1 });
 * for (let e = 0; e < 50; e++) console.log((await cd.epoch(trainDigits)).reconstructionError);
 * await cd.dispose();
 */
export class ContrastiveDivergence {
  epochs = 0;
  readonly options: Required<ContrastiveDivergenceOptions>;
  readonly rng: Rng;
  /** The persistent negative chains [batchSize·V] (PCD only). */
  chains?: Float32Array;
  private readonly vW: Float32Array;
  private readonly vb: Float32Array;
  private readonly vc: Float32Array;
  private products?: Promise<RbmProducts>;

  /** @throws RbmError for a bad option */
  constructor(
    readonly rbm: BoltzmannMachine,
    options: ContrastiveDivergenceOptions = {},
    readonly execution: ExecutionOptions = {},
  ) {
    checkBoltzmannMachine(rbm);
    this.options = {
      k: options.k ?? 1,
      persistent: options.persistent ?? false,
      learningRate: options.learningRate ?? 0.05,
      momentum: options.momentum ?? 0.9,
      momentumWarmupEpochs: options.momentumWarmupEpochs ?? 5,
      weightDecay: options.weightDecay ?? 2e-4,
      batchSize: options.batchSize ?? 100,
      decayEpochs: options.decayEpochs ?? 0,
      seed: options.seed ?? 0,
    };
    const o = this.options;
    if (!Number.isInteger(o.k) || o.k < 1) throw new RbmError(`CD steps k must be a whole number ≥ 1, got ${o.k}`);
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RbmError(`batch size must be a whole number ≥ 1, got ${o.batchSize}`);
    if (!Number.isInteger(o.decayEpochs) || o.decayEpochs < 0) throw new RbmError(`decay epochs must be a whole number ≥ 0, got ${o.decayEpochs}`);
    for (const [name, v] of [['learning rate', o.learningRate], ['momentum', o.momentum], ['weight decay', o.weightDecay]] as const) {
      if (!(Number.isFinite(v) && v >= 0)) throw new RbmError(`${name} must be a number ≥ 0, got ${v}`);
    }
    this.rng = new Rng(o.seed);
    this.vW = new Float32Array(rbm.W.length);
    this.vb = new Float32Array(rbm.visible);
    this.vc = new Float32Array(rbm.hidden);
  }

  /**
   * One pass over `data` [N·V] (binary) in shuffled mini-batches; the last, smaller batch is dropped when N is not a
   * multiple of the batch size.
   */
  async epoch(data: Float32Array): Promise<RbmEpochEvent> {
    const t0 = performance.now();
    const { visible: V } = this.rbm;
    const N = data.length / V;
    if (!Number.isInteger(N) || N < 1) throw new RbmError(`training data has ${data.length} values, not whole digits of ${V} visible units`);
    const B = Math.min(this.options.batchSize, N);
    const order = Int32Array.from({ length: N }, (_, i) => i);
    for (let i = N - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const batch = new Float32Array(B * V);
    let err = 0;
    let seen = 0;
    for (let s = 0; s + B <= N; s += B) {
      for (let n = 0; n < B; n++) batch.set(data.subarray(order[s + n] * V, order[s + n] * V + V), n * V);
      err += await this.update(batch);
      seen += B;
    }
    this.epochs++;
    return { epoch: this.epochs, reconstructionError: err / seen, seconds: (performance.now() - t0) / 1000 };
  }

  /** The learning rate of the current epoch (after the linear decay, when set). */
  learningRate(): number {
    const { learningRate, decayEpochs } = this.options;
    return decayEpochs > 0 ? learningRate * Math.max(0, 1 - this.epochs / decayEpochs) : learningRate;
  }

  /** One CD-k / PCD-k update on a batch [B·V]; returns the batch's summed reconstruction error. */
  async update(v0: Float32Array): Promise<number> {
    const { visible: V, hidden: H, W, b, c } = this.rbm;
    const o = this.options;
    const B = v0.length / V;
    const rng = this.rng;
    const products = await (this.products ??= RbmProducts.create(this.rbm, this.execution));
    const p0 = sigmoidInPlace(await products.hiddenInput(v0));
    const h0 = bernoulli(p0, rng);
    // Reconstruction error from the data's own hidden draw; for CD this p(v | h₀) also starts the negative chain.
    let pv = sigmoidInPlace(await products.visibleInput(h0));
    let err = 0;
    for (let i = 0; i < pv.length; i++) err += (v0[i] - pv[i]) ** 2;

    let vk: Float32Array;
    if (o.persistent) {
      if (!this.chains || this.chains.length !== B * V) this.chains = v0.slice();
      vk = this.chains;
      const hk = bernoulli(sigmoidInPlace(await products.hiddenInput(vk)), rng);
      pv = sigmoidInPlace(await products.visibleInput(hk));
    } else vk = new Float32Array(B * V);
    let pk = p0;
    for (let t = 0; t < o.k; t++) {
      if (t > 0) pv = sigmoidInPlace(await products.visibleInput(bernoulli(pk, rng)));
      bernoulli(pv, rng, vk);
      pk = sigmoidInPlace(await products.hiddenInput(vk));
    }

    const momentum = this.epochs < o.momentumWarmupEpochs ? 0.5 : o.momentum;
    const rate = this.learningRate();
    const lr = rate / B;
    const gW = await products.weightStatistics(v0, p0, vk, pk);
    for (let i = 0; i < W.length; i++) {
      this.vW[i] = momentum * this.vW[i] + lr * gW[i] - rate * o.weightDecay * W[i];
      W[i] += this.vW[i];
    }
    for (let i = 0; i < V; i++) {
      let g = 0;
      for (let n = 0; n < B; n++) g += v0[n * V + i] - vk[n * V + i];
      this.vb[i] = momentum * this.vb[i] + lr * g;
      b[i] += this.vb[i];
    }
    for (let j = 0; j < H; j++) {
      let g = 0;
      for (let n = 0; n < B; n++) g += p0[n * H + j] - pk[n * H + j];
      this.vc[j] = momentum * this.vc[j] + lr * g;
      c[j] += this.vc[j];
    }
    return err;
  }

  /** Releases the onnxruntime sessions of the products (the trainer can still be used: they reopen). */
  async dispose(): Promise<void> {
    const p = this.products;
    this.products = undefined;
    if (p) await (await p).dispose();
  }
}
