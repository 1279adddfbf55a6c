import { SamplerError } from './SamplerError.js';

/**
 * A binary restricted Boltzmann machine: visible v ∈ {0,1}^V, hidden h ∈ {0,1}^H,
 * E(v, h) = −bᵀv − cᵀh − vᵀWh, p(v, h) ∝ exp(−E(v, h)).
 */
export interface BoltzmannMachine {
  /** V, number of visible units. */
  visible: number;
  /** H, number of hidden units. */
  hidden: number;
  /** Weights [V, H], row-major: W[i·H + j] couples visible i and hidden j. */
  W: Float32Array;
  /** Visible biases [V]. */
  b: Float32Array;
  /** Hidden biases [H]. */
  c: Float32Array;
}

/** Throws a SamplerError unless W, b and c have the sizes V and H call for. */
export function checkBoltzmannMachine(rbm: BoltzmannMachine): void {
  const { visible: V, hidden: H } = rbm;
  if (rbm.W.length !== V * H || rbm.b.length !== V || rbm.c.length !== H) {
    throw new SamplerError(
      `Boltzmann machine with ${V} visible and ${H} hidden units needs W [${V * H}], b [${V}], c [${H}]; got W [${rbm.W.length}], b [${rbm.b.length}], c [${rbm.c.length}]`,
    );
  }
}

/**
 * The joint energy E(v, h) = −bᵀv − cᵀh − vᵀWh.
 * @param v visible states [N·V] in {0, 1}
 * @param h hidden states [N·H] in {0, 1}
 * @returns [N]
 */
export function rbmEnergy(rbm: BoltzmannMachine, v: Float32Array, h: Float32Array): Float32Array {
  checkBoltzmannMachine(rbm);
  const { visible: V, hidden: H, W, b, c } = rbm;
  const N = v.length / V;
  if (!Number.isInteger(N) || h.length !== N * H) throw new SamplerError(`rbmEnergy: v [${v.length}] and h [${h.length}] are not N samples of ${V} and ${H} units`);
  const out = new Float32Array(N);
  for (let n = 0; n < N; n++) {
    let e = 0;
    for (let j = 0; j < H; j++) e -= c[j] * h[n * H + j];
    for (let i = 0; i < V; i++) {
      const vi = v[n * V + i];
      if (vi === 0) continue;
      let s = b[i];
      for (let j = 0; j < H; j++) s += W[i * H + j] * h[n * H + j];
      e -= vi * s;
    }
    out[n] = e;
  }
  return out;
}

/**
 * The free energy of the visible units, F(v) = −log Σ_h exp(−E(v, h)) = −bᵀv − Σⱼ softplus(cⱼ + (vᵀW)ⱼ),
 * so p(v) ∝ exp(−F(v)).
 * @param v visible states [N·V] (binary, or probabilities for a mean-field value)
 * @returns [N]
 */
export function freeEnergy(rbm: BoltzmannMachine, v: Float32Array): Float32Array {
  checkBoltzmannMachine(rbm);
  const { visible: V, hidden: H, W, b, c } = rbm;
  const N = v.length / V;
  if (!Number.isInteger(N)) throw new SamplerError(`freeEnergy: v has ${v.length} values, not a whole number of samples of ${V} units`);
  const out = new Float32Array(N);
  const act = new Float64Array(H);
  for (let n = 0; n < N; n++) {
    act.set(c);
    let f = 0;
    for (let i = 0; i < V; i++) {
      const vi = v[n * V + i];
      if (vi === 0) continue;
      f -= b[i] * vi;
      for (let j = 0; j < H; j++) act[j] += vi * W[i * H + j];
    }
    for (let j = 0; j < H; j++) f -= softplus(act[j]);
    out[n] = f;
  }
  return out;
}

/** log(1 + eᵃ) without overflow. */
export function softplus(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}
