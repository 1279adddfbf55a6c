import { Rng } from '@ebm/core';
import type { ClassifierEnergy } from '@ebm/core';
import { auroc, expectedCalibrationError, softmaxRows } from './classifierMetrics.js';
import { argmax } from './JemTrainer.js';
import type { LabelledImages } from './LabelledImages.js';

/** What `ebm-image jem eval` reports (keys as in its --json output). */
export interface JemEvaluation {
  /** Fraction of held-out images classified right. */
  accuracy: number;
  /** Expected calibration error of max_y p(y|x), 15 bins. */
  ece: number;
  /** AUROC of the score −E(x) = logsumexp f(x): held-out images against as many uniform-noise images in [0, 1]. */
  ood_auroc_noise: number;
  /** The same against the held-out images inverted (p → 1 − p). */
  ood_auroc_inverted: number;
  /** Held-out images evaluated. */
  count: number;
  /** Mean E(x) of the held-out images, of the noise images and of the inverted images. */
  mean_energy: { data: number; noise: number; inverted: number };
}

/** Logits [N·K] and energies [N] of a set, in batches of `batch`. */
export async function classify(clf: ClassifierEnergy, x: Float32Array, D: number, batch = 500): Promise<{ logits: Float32Array; energy: Float32Array }> {
  const N = x.length / D;
  const K = clf.classes;
  const logits = new Float32Array(N * K);
  const energy = new Float32Array(N);
  for (let s = 0; s < N; s += batch) {
    const n = Math.min(batch, N - s);
    const out = await clf.logits(x.slice(s * D, (s + n) * D));
    logits.set(out.logits, s * K);
    energy.set(out.energy, s);
  }
  return { logits, energy };
}

/**
 * JEM's evaluation on a held-out set: accuracy, expected calibration error, and out-of-distribution detection by the
 * energy score −E(x) (JEM's log p(x) up to a constant) against uniform noise (pixels U(0, 1), seeded) and against the
 * inverted images.
 */
export async function evaluateJem(clf: ClassifierEnergy, test: LabelledImages, seed = 0, onProgress?: (done: number, total: number) => void): Promise<JemEvaluation> {
  const D = test.shape[0] * test.shape[1] * test.shape[2];
  const K = clf.classes;
  const N = test.count;
  const { logits, energy } = await classify(clf, test.x, D);
  onProgress?.(1, 3);
  const probs = softmaxRows(logits, K);
  const confidence = new Float64Array(N);
  const correct = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const y = argmax(probs, n * K, K);
    confidence[n] = probs[n * K + y];
    correct[n] = y === test.labels[n] ? 1 : 0;
  }
  // In network units [−1, 1]: uniform pixels in [0, 1] are U(−1, 1); inverting p → 1 − p is x → −x.
  const noise = new Rng(seed).fillUniform(new Float32Array(N * D), -1, 1) as Float32Array;
  const inverted = test.x.map((v) => -v);
  const eNoise = (await classify(clf, noise, D)).energy;
  onProgress?.(2, 3);
  const eInv = (await classify(clf, inverted, D)).energy;
  onProgress?.(3, 3);
  const score = (e: Float32Array) => Array.from(e, (v) => -v);
  const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
  return {
    accuracy: correct.reduce((s, v) => s + v, 0) / N,
    ece: expectedCalibrationError(confidence, correct),
    ood_auroc_noise: auroc(score(energy), score(eNoise)),
    ood_auroc_inverted: auroc(score(energy), score(eInv)),
    count: N,
    mean_energy: { data: mean(energy), noise: mean(eNoise), inverted: mean(eInv) },
  };
}
