import * as ort from 'onnxruntime-node';
import { GRAPH_NAMES, type GraphKind } from '../compile/compileGraph.js';
import type { EnergyModel } from '../runtime/EnergyModel.js';
import { RuntimeError } from '../runtime/RuntimeError.js';
import type { EnergyAndGrad, EnergyFn } from '../samplers/EnergyFn.js';
import { shapeSize } from '../spec/resolveNetwork.js';

/** E(x) [N] and the logits f(x) [N·K]. */
export interface ClassifierOutput {
  energy: Float32Array;
  logits: Float32Array;
}

/** What {@link ClassifierEnergy.crossEntropyGrad} returns. */
export interface CrossEntropyGradient extends ClassifierOutput {
  /** Cross-entropy per sample [N] against the target rows (0 for rows of zeros). */
  crossEntropy: Float32Array;
  /** Σₙ (wₙ ∂E(xₙ)/∂θ + ∂CEₙ/∂θ), flat like θ. */
  grad: Float32Array;
}

type Session = Awaited<ReturnType<EnergyModel['session']>>;

/**
 * A classifier read as an energy-based model (JEM, Grathwohl et al. 2020): an {@link EnergyModel} whose spec has
 * readout 'logsumexp', so its K outputs are logits f(x), E(x) = −logsumexp_y f(x)[y] (the model's own `energy`,
 * `energyFn`, `paramGrad` and `freeze`) and, here, the class-conditional energy E(x, y) = −f(x)[y], the logits, and
 * the hybrid gradient of the cross-entropy plus weighted energies in one pass.
 *
 * Labels are class indices [N] in 0…K−1; targets are rows [N·K] (a one-hot row times the sample's weight, zeros
 * for a sample without a label).
 */
export class ClassifierEnergy {
  /** K, the number of classes. */
  readonly classes: number;
  private readonly sessions = new Map<string, Promise<Session>>();

  /** @throws RuntimeError when the model's readout is not 'logsumexp' */
  constructor(readonly model: EnergyModel) {
    if (model.spec.readout !== 'logsumexp') {
      throw new RuntimeError(`this network's readout is '${model.spec.readout ?? 'sum'}', not a classifier's; a classifier energy needs "readout": "logsumexp"`);
    }
    this.classes = model.net.outShape[0];
  }

  /** E(x) [N] and logits [N·K] for x [N·D]. */
  async logits(x: Float32Array): Promise<ClassifierOutput> {
    const out = await this.run('energy', x);
    return { energy: out[GRAPH_NAMES.energy].data as Float32Array, logits: out[GRAPH_NAMES.logits].data as Float32Array };
  }

  /** E(x, y) = −f(x)[y] [N] and its input gradient [N·D], for labels [N]. */
  async classEnergyAndGrad(x: Float32Array, labels: ArrayLike<number>): Promise<EnergyAndGrad> {
    const out = await this.run('classInputGrad', x, undefined, this.oneHot(labels));
    return { energy: out[GRAPH_NAMES.energy].data as Float32Array, grad: out[GRAPH_NAMES.inputGrad].data as Float32Array };
  }

  /** E(x, y) as a sampler's energy for chains with fixed labels [N] (class-conditional sampling). */
  classEnergyFn(labels: ArrayLike<number>): EnergyFn {
    const rows = this.oneHot(labels);
    return async (x) => {
      const out = await this.run('classInputGrad', x, undefined, rows);
      return { energy: out[GRAPH_NAMES.energy].data as Float32Array, grad: out[GRAPH_NAMES.inputGrad].data as Float32Array };
    };
  }

  /**
   * One pass of the hybrid objective's gradient: Σₙ (wₙ ∂E(xₙ)/∂θ + ∂CE(xₙ, tₙ)/∂θ). JEM's batch [data; samples]
   * takes w = [+1/B…; −1/M…] and targets = [onehot(yₙ)/B…; zeros…].
   * @param x [N·D]
   * @param weights [N]
   * @param targets [N·K]
   * @param out optional buffer for the gradient (length of θ)
   */
  async crossEntropyGrad(x: Float32Array, weights: Float32Array, targets: Float32Array, out?: Float32Array): Promise<CrossEntropyGradient> {
    const res = await this.run('crossEntropyGrad', x, weights, targets);
    const grad = out ?? new Float32Array(this.model.theta.length);
    let off = 0;
    for (const p of this.model.params) {
      const d = res[GRAPH_NAMES.paramGrad(p.name)].data as Float32Array;
      grad.set(d, off);
      off += d.length;
    }
    return {
      energy: res[GRAPH_NAMES.energy].data as Float32Array,
      logits: res[GRAPH_NAMES.logits].data as Float32Array,
      crossEntropy: res[GRAPH_NAMES.crossEntropy].data as Float32Array,
      grad,
    };
  }

  /** One-hot rows [N·K] for labels [N]. @throws RangeError for a label outside 0…K−1 */
  oneHot(labels: ArrayLike<number>): Float32Array {
    const K = this.classes;
    const rows = new Float32Array(labels.length * K);
    for (let n = 0; n < labels.length; n++) {
      const y = labels[n];
      if (!Number.isInteger(y) || y < 0 || y >= K) throw new RangeError(`label ${y} of sample ${n} is not a class 0…${K - 1}`);
      rows[n * K + y] = 1;
    }
    return rows;
  }

  /** Releases this view's sessions (the model's own are released by the model). */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) await (await s).session.release();
  }

  private async run(kind: GraphKind, x: Float32Array, weights?: Float32Array, rows?: Float32Array) {
    const net = this.model.net;
    const D = shapeSize(net.inShape);
    const N = x.length / D;
    if (x.length === 0 || !Number.isInteger(N)) {
      throw new RuntimeError(`input has ${x.length} values, not a whole number of samples of shape [${net.inShape}] (${D} values each)`);
    }
    if (weights && weights.length !== N) throw new RuntimeError(`${weights.length} sample weights for a batch of ${N}`);
    if (rows && rows.length !== N * this.classes) throw new RuntimeError(`${rows.length / this.classes} label rows for a batch of ${N}`);
    const { session } = await this.model.session(kind, net, N, this.sessions);
    const feeds: Record<string, ort.Tensor> = { [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [N, ...net.inShape]) };
    if (weights) feeds[GRAPH_NAMES.weights] = new ort.Tensor('float32', weights, [N]);
    if (rows) feeds[GRAPH_NAMES.labels] = new ort.Tensor('float32', rows, [N, this.classes]);
    this.model.params.forEach((p, i) => (feeds[p.name] = new ort.Tensor('float32', this.model.paramTensors[i], p.shape)));
    try {
      return await session.run(feeds);
    } catch (e) {
      throw new RuntimeError(`onnxruntime failed on the ${kind} graph for [${N}, ${net.inShape}]: ${(e as Error).message}`);
    }
  }
}
