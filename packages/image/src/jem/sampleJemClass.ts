import { noiseChains, Rng, Sgld, type SgldOptions } from '@ebm/core';
import type { JemModel } from './JemModel.js';

/** Options of {@link sampleJemClass}. */
export interface SampleJemClassOptions {
  /** Class index y in 0…K−1. */
  classIndex: number;
  count: number;
  /** SGLD steps on E(x, y). */
  steps: number;
  /** Where chains start: random replay-buffer samples (default when the model has a buffer) or U(−1, 1) noise. */
  init?: 'buffer' | 'noise';
  /** SGLD settings; default the model's training SGLD. */
  sgld?: Partial<SgldOptions>;
  seed: number;
  /** Called after every step with the mean E(x, y). */
  onStep?: (step: number, meanEnergy: number) => void;
}

/**
 * Class-conditional sampling from a JEM model: SGLD on E(x, y) = −f(x)[y] for the requested class, started from
 * random samples of the model's replay buffer (JEM's own samples of p(x)) or from noise.
 * @returns samples [count·D] in network units [−1, 1]
 */
export async function sampleJemClass(m: JemModel, o: SampleJemClassOptions): Promise<Float32Array> {
  const D = m.model.inputShape.reduce((a, b) => a * b, 1);
  const rng = new Rng(o.seed);
  const init = o.init ?? (m.replay.length > 0 ? 'buffer' : 'noise');
  let x: Float32Array;
  if (init === 'buffer' && m.replay.length >= D) {
    const held = m.replay.length / D;
    x = new Float32Array(o.count * D);
    for (let n = 0; n < o.count; n++) {
      const s = rng.int(held);
      x.set(m.replay.subarray(s * D, s * D + D), n * D);
    }
  } else x = noiseChains(o.count, D, rng);
  const sgld = new Sgld({ ...(m.options?.sgld ?? { steps: 20, stepSize: 1, noiseStd: 0.01 }), ...o.sgld, steps: o.steps });
  const labels = new Array<number>(o.count).fill(o.classIndex);
  await sgld.sample(m.classifier.classEnergyFn(labels), x, { rng, onStep: (k, e) => o.onStep?.(k, e) });
  return x;
}
