import { Rng } from '../random/Rng.js';
import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { RbmError } from './RbmError.js';

/**
 * A new RBM as Hinton's practical guide starts one: W ~ N(0, 0.01²), hidden biases 0, visible biases log(pᵢ/(1 − pᵢ))
 * of the data's on-fractions pᵢ (clipped to [1e-3, 1 − 1e-3]), or 0 without data.
 * @param data optional binary training data [N·V]
 */
export function createRbm(visible: number, hidden: number, seed: number, data?: Float32Array): BoltzmannMachine {
  for (const [name, n] of [['visible', visible], ['hidden', hidden]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new RbmError(`number of ${name} units must be a whole number ≥ 1, got ${n}`);
  }
  const rng = new Rng(seed);
  const W = rng.fillNormal(new Float32Array(visible * hidden), 0, 0.01) as Float32Array;
  return { visible, hidden, W, b: data ? baseRateBiases(data, visible) : new Float32Array(visible), c: new Float32Array(hidden) };
}

/**
 * Visible biases log(pᵢ/(1 − pᵢ)) of the data's on-fractions, clipped to [1e-3, 1 − 1e-3] (the base-rate model of
 * AIS and the usual start of the visible biases).
 * @param data binary [N·V]
 * @returns [V]
 */
export function baseRateBiases(data: Float32Array, visible: number): Float32Array {
  const N = data.length / visible;
  const b = new Float32Array(visible);
  for (let i = 0; i < visible; i++) {
    let s = 0;
    for (let n = 0; n < N; n++) s += data[n * visible + i];
    const p = Math.min(1 - 1e-3, Math.max(1e-3, s / N));
    b[i] = Math.log(p / (1 - p));
  }
  return b;
}
