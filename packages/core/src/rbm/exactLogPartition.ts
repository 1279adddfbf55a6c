import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { checkBoltzmannMachine, softplus } from '../samplers/BoltzmannMachine.js';
import { RbmError } from './RbmError.js';

/**
 * The exact log Z of a small RBM by enumerating its visible states: log Σ_v exp(bᵀv + Σⱼ softplus(cⱼ + (vᵀW)ⱼ)), in
 * float64, for at most 24 visible units (2²⁴ states).
 */
export function exactLogPartition(rbm: BoltzmannMachine): number {
  checkBoltzmannMachine(rbm);
  const { visible: V, hidden: H, W, b, c } = rbm;
  if (V > 24) throw new RbmError(`exact log Z enumerates 2^${V} visible states; use at most 24 visible units (or AIS)`);
  const terms = new Float64Array(1 << V);
  const a = new Float64Array(H);
  for (let s = 0; s < 1 << V; s++) {
    let t = 0;
    for (let j = 0; j < H; j++) a[j] = c[j];
    for (let i = 0; i < V; i++) {
      if (!((s >> i) & 1)) continue;
      t += b[i];
      for (let j = 0; j < H; j++) a[j] += W[i * H + j];
    }
    for (let j = 0; j < H; j++) t += softplus(a[j]);
    terms[s] = t;
  }
  let m = -Infinity;
  for (const t of terms) m = Math.max(m, t);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - m);
  return m + Math.log(sum);
}
