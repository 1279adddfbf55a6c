import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import type { Rng } from '../random/Rng.js';

/**
 * Hidden pre-activations a = c + vᵀW of a batch, skipping zero visible units (binary digits are mostly zero).
 * @param v visible states or probabilities [N·V]
 * @param out [N·H], overwritten
 */
export function hiddenInput(rbm: BoltzmannMachine, v: Float32Array, out: Float32Array): Float32Array {
  const { visible: V, hidden: H, W, c } = rbm;
  const N = v.length / V;
  for (let n = 0; n < N; n++) {
    const a = out.subarray(n * H, n * H + H);
    a.set(c);
    for (let i = 0; i < V; i++) {
      const vi = v[n * V + i];
      if (vi === 0) continue;
      const row = i * H;
      if (vi === 1) for (let j = 0; j < H; j++) a[j] += W[row + j];
      else for (let j = 0; j < H; j++) a[j] += vi * W[row + j];
    }
  }
  return out;
}

/**
 * Visible pre-activations Wh [N·V] (without biases) of a batch of hidden states, with W read transposed
 * (Wt [H, V], row j = the weights of hidden unit j), skipping zero hidden units.
 * @param h hidden states or probabilities [N·H]
 * @param out [N·V], overwritten
 */
export function visibleInput(Wt: Float32Array, V: number, H: number, h: Float32Array, out: Float32Array): Float32Array {
  const N = h.length / H;
  out.fill(0);
  for (let n = 0; n < N; n++) {
    const a = out.subarray(n * V, n * V + V);
    for (let j = 0; j < H; j++) {
      const hj = h[n * H + j];
      if (hj === 0) continue;
      const row = j * V;
      if (hj === 1) for (let i = 0; i < V; i++) a[i] += Wt[row + i];
      else for (let i = 0; i < V; i++) a[i] += hj * Wt[row + i];
    }
  }
  return out;
}

/** W [V, H] transposed to [H, V]; `out` reused when given. */
export function transposeWeights(rbm: BoltzmannMachine, out: Float32Array = new Float32Array(rbm.W.length)): Float32Array {
  const { visible: V, hidden: H, W } = rbm;
  for (let i = 0; i < V; i++) for (let j = 0; j < H; j++) out[j * V + i] = W[i * H + j];
  return out;
}

/** σ(a) in place. */
export function sigmoidInPlace(a: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
  return a;
}

/** Bernoulli draws: out[i] = 1 with probability p[i], else 0. */
export function bernoulli(p: Float32Array, rng: Rng, out: Float32Array = new Float32Array(p.length)): Float32Array {
  for (let i = 0; i < p.length; i++) out[i] = rng.uniform() < p[i] ? 1 : 0;
  return out;
}

/** p(v = 1 | h) = σ(b + Wh) [N·V] with W given transposed (Wt [H, V]). */
export function visibleProbabilities(Wt: Float32Array, b: Float32Array, V: number, H: number, h: Float32Array, out: Float32Array): Float32Array {
  visibleInput(Wt, V, H, h, out);
  const N = out.length / V;
  for (let n = 0; n < N; n++) for (let i = 0; i < V; i++) out[n * V + i] += b[i];
  return sigmoidInPlace(out);
}
