import { Adam, ClassifierEnergy, DivergenceGuard, ReplayBuffer, Rng, Sgld, l2Norm, meanOfRange } from '@ebm/core';
import type { LabelledImages } from './LabelledImages.js';
import { JEM_DEFAULTS, type JemOptions } from './JemOptions.js';
import { shiftImages } from './shiftImages.js';

/** Reported after every JEM iteration; energies are batch means in the model's units. */
export interface JemEvent {
  /** 1-based count of iterations done. */
  iteration: number;
  /** Mean cross-entropy −log p(y|x) of the data batch, nats. */
  crossEntropy: number;
  /** Fraction of the (augmented) data batch classified right. */
  batchAccuracy: number;
  /** Mean E(x) = −logsumexp f(x) of the data batch. */
  dataEnergy: number;
  /** Mean E of the SGLD samples (NaN when pxWeight is 0). */
  sampleEnergy: number;
  /** dataEnergy − sampleEnergy. */
  gap: number;
  /** L2 norm of the parameter gradient. */
  gradNorm: number;
  /** Learning rate used in this update (warm-up included). */
  learningRate: number;
  /** Wall-clock seconds of this iteration. */
  seconds: number;
  /** This iteration's SGLD samples [M·D] (live buffer), empty when pxWeight is 0. */
  samples: Float32Array;
}

/**
 * JEM training (Grathwohl et al. 2020): each iteration maximises log p(y|x) + log p(x) of a labelled batch for a
 * classifier read as an EBM. The p(x) term is MCMC maximum likelihood: M negative samples come from SGLD on
 * E(x) = −logsumexp f(x), started from a replay buffer (fresh noise with the reinitialisation probability, samples
 * written back to the slots they came from); the gradient of CE + pxWeight·(mean E(data) − mean E(samples)) is one
 * pass of the classifier's crossEntropyGrad graph. The divergence guard is McmcMle's ({@link DivergenceGuard}): non-finite samples, energies,
 * gradients or parameters, or an energy gap beyond `maxEnergyGap`, throw TrainingDivergedError with θ left at the last
 * good iteration.
 */
export class JemTrainer {
  iteration = 0;
  readonly options: JemOptions;
  readonly rng: Rng;
  readonly optimizer: Adam;
  readonly sampler: Sgld;
  /** The replay buffer of negative samples (created full of noise on the first iteration with pxWeight > 0). */
  replay?: ReplayBuffer;
  private readonly grad: Float32Array;
  private readonly guard: DivergenceGuard;

  constructor(
    readonly classifier: ClassifierEnergy,
    options: Partial<JemOptions> = {},
  ) {
    this.options = { ...JEM_DEFAULTS, ...options, sgld: { ...JEM_DEFAULTS.sgld, ...options.sgld }, replay: { ...JEM_DEFAULTS.replay, ...options.replay } };
    this.rng = new Rng(this.options.seed);
    const theta = classifier.model.theta;
    this.optimizer = new Adam(theta.length, { lr: this.options.learningRate });
    this.sampler = new Sgld(this.options.sgld);
    this.grad = new Float32Array(theta.length);
    this.guard = new DivergenceGuard(theta, this.options.maxEnergyGap, { stepSize: 'SGLD step size', steps: 'SGLD steps' });
  }

  /** Runs `iterations` more iterations on `data`, yielding an event after each. @throws TrainingDivergedError */
  async *run(data: LabelledImages, iterations: number): AsyncGenerator<JemEvent> {
    for (let i = 0; i < iterations; i++) yield await this.step(data);
  }

  /** One iteration: a labelled batch, SGLD samples from the buffer, one hybrid gradient, one Adam update. */
  async step(data: LabelledImages): Promise<JemEvent> {
    const t0 = performance.now();
    const o = this.options;
    const { model } = this.classifier;
    const K = this.classifier.classes;
    const D = data.shape[0] * data.shape[1] * data.shape[2];
    const iteration = this.iteration + 1;
    const B = o.batchSize;
    const M = o.pxWeight > 0 ? B : 0;

    const x = new Float32Array((B + M) * D);
    const labels = new Uint8Array(B);
    for (let n = 0; n < B; n++) {
      const i = this.rng.int(data.count);
      x.set(data.x.subarray(i * D, i * D + D), n * D);
      labels[n] = data.labels[i];
    }
    const batch = x.subarray(0, B * D);
    shiftImages(batch, data.shape, o.shift, this.rng);
    if (o.dataNoise > 0) for (let i = 0; i < batch.length; i++) batch[i] += o.dataNoise * this.rng.normal();

    let samples: Float32Array = new Float32Array(0);
    let sampleEnergies: Float32Array = new Float32Array(0);
    if (M > 0) {
      this.replay ??= ReplayBuffer.filledWithNoise({ capacity: o.replay.capacity, dim: D, reinitProb: o.replay.reinitProb }, this.rng);
      const draw = this.replay.draw(M, this.rng);
      const res = await this.sampler.sample(model.energyFn(), draw.x, { rng: this.rng });
      samples = res.x;
      sampleEnergies = res.energy;
      await this.guard.checkSamples(samples, iteration, this.iteration, () => model.energy(batch.slice()));
      this.replay.writeBack(samples, draw.slots, this.rng);
      x.set(samples, B * D);
    }

    const w = new Float32Array(B + M);
    const targets = new Float32Array((B + M) * K);
    // The energy penalty α·(E(data)² + E(samples)²) (IGEBM's) adds 2αE to each weight; the data's energies take one
    // more forward pass, the samples' come from SGLD.
    const alpha = M > 0 ? o.energyPenalty : 0;
    const dataE = alpha > 0 ? await model.energy(batch.slice()) : undefined;
    for (let n = 0; n < B; n++) {
      w[n] = (o.pxWeight + (dataE ? 2 * alpha * dataE[n] : 0)) / B;
      targets[n * K + labels[n]] = o.pyxWeight / B;
    }
    for (let m = 0; m < M; m++) w[B + m] = (-o.pxWeight + 2 * alpha * sampleEnergies[m]) / M;
    const res = await this.classifier.crossEntropyGrad(x, w, targets, this.grad);

    // The graph's CE carries the target weight pyxWeight/B; undo it to report −log p(y|x) per image.
    let ce = 0;
    let correct = 0;
    for (let n = 0; n < B; n++) {
      ce += o.pyxWeight > 0 ? (res.crossEntropy[n] * B) / o.pyxWeight : NaN;
      if (argmax(res.logits, n * K, K) === labels[n]) correct++;
    }
    const dataEnergy = meanOfRange(res.energy, 0, B);
    const sampleEnergy = M > 0 ? meanOfRange(res.energy, B, B + M) : NaN;
    const gap = dataEnergy - sampleEnergy;
    const gradNorm = l2Norm(this.grad);
    // Without p(x) there are no samples: the guard sees the data's energy on both sides (a gap of 0).
    this.guard.checkEnergies(iteration, this.iteration, dataEnergy, M > 0 ? sampleEnergy : dataEnergy, gradNorm);
    const decays = o.decayIterations.filter((d) => iteration > d).length;
    const lr = o.learningRate * Math.min(1, iteration / Math.max(1, o.warmupIterations)) * o.decayRate ** decays;
    this.optimizer.lr = lr;
    this.guard.update(this.optimizer, this.grad, iteration, this.iteration);
    this.iteration = iteration;
    return {
      iteration,
      crossEntropy: ce / B,
      batchAccuracy: correct / B,
      dataEnergy,
      sampleEnergy,
      gap,
      gradNorm,
      learningRate: lr,
      seconds: (performance.now() - t0) / 1000,
      samples,
    };
  }
}

/** Index of the largest of a[from … from + count). */
export function argmax(a: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (a[from + k] > a[from + best]) best = k;
  return best;
}
