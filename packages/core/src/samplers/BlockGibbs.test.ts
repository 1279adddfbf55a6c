import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { BlockGibbs } from './BlockGibbs.js';
import { type BoltzmannMachine, freeEnergy, rbmEnergy } from './BoltzmannMachine.js';
import { observedMask } from './Constraint.js';
import { meanAndSe } from './testing/chainStatistics.js';
import { Z_MAX } from './testing/tolerances.js';

const V = 4;
const H = 3;

function tinyRbm(seed: number): BoltzmannMachine {
  const rng = new Rng(seed);
  return {
    visible: V,
    hidden: H,
    W: rng.fillNormal(new Float32Array(V * H), 0, 1) as Float32Array,
    b: rng.fillNormal(new Float32Array(V), 0, 0.5) as Float32Array,
    c: rng.fillNormal(new Float32Array(H), 0, 0.5) as Float32Array,
  };
}

function bits(k: number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (k >> i) & 1;
  return out;
}

/** p(v) for all 16 visible states, by summing exp(−E(v, h)) over all 2⁷ joint states. */
function exactMarginal(rbm: BoltzmannMachine): Float64Array {
  const p = new Float64Array(1 << V);
  let Z = 0;
  for (let a = 0; a < 1 << V; a++)
    for (let c = 0; c < 1 << H; c++) {
      const w = Math.exp(-rbmEnergy(rbm, bits(a, V), bits(c, H))[0]);
      p[a] += w;
      Z += w;
    }
  return p.map((v) => v / Z);
}

function stateIndex(v: Float32Array, o: number): number {
  let k = 0;
  for (let i = 0; i < V; i++) if (v[o + i]) k |= 1 << i;
  return k;
}

describe('BlockGibbs', () => {
  it('free energy equals −log Σ_h exp(−E(v, h)) by enumeration', () => {
    const rbm = tinyRbm(12);
    for (let a = 0; a < 1 << V; a++) {
      let s = 0;
      for (let c = 0; c < 1 << H; c++) s += Math.exp(-rbmEnergy(rbm, bits(a, V), bits(c, H))[0]);
      expect(freeEnergy(rbm, bits(a, V))[0]).toBeCloseTo(-Math.log(s), 5);
    }
  });

  it('samples the exact marginal p(v) of a 4×3 RBM', () => {
    const rbm = tinyRbm(12);
    const exact = exactMarginal(rbm);
    const chains = 500;
    const rng = new Rng(13);
    const v = new Float32Array(chains * V); // all chains start at v = 0
    const gibbs = new BlockGibbs({ steps: 50 });
    gibbs.sample(rbm, v, { rng });
    const sweeps = 400;
    const visits = new Float64Array(chains << V);
    gibbs.sample(rbm, v, {
      rng,
      steps: sweeps,
      onStep: (_t, _f, vs) => {
        for (let n = 0; n < chains; n++) visits[(n << V) + stateIndex(vs, n * V)]++;
      },
    });
    let maxZ = 0;
    let tv = 0;
    for (let k = 0; k < 1 << V; k++) {
      const per = new Float64Array(chains);
      for (let n = 0; n < chains; n++) per[n] = visits[(n << V) + k] / sweeps;
      const { mean, se } = meanAndSe(per);
      maxZ = Math.max(maxZ, Math.abs(mean - exact[k]) / se);
      tv += Math.abs(mean - exact[k]) / 2;
    }
    console.log(`Block Gibbs 4×3 RBM: 16 visible states, max|z| ${maxZ.toFixed(2)} (tol ${Z_MAX}), total variation ${tv.toFixed(4)}`);
    expect(maxZ).toBeLessThan(Z_MAX);
  });

  it('with a mask samples p(v_free | v_observed)', () => {
    const rbm = tinyRbm(14);
    const exact = exactMarginal(rbm);
    // observe v₀ = 1, v₁ = 0; the conditional over (v₂, v₃) is the joint restricted to those states
    const mask = new Uint8Array([1, 1, 0, 0]);
    const values = new Float32Array([1, 0, 0, 0]);
    const cond = new Float64Array(4);
    for (let k = 0; k < 4; k++) cond[k] = exact[1 | (k << 2)];
    const s = cond.reduce((a, b) => a + b, 0);
    for (let k = 0; k < 4; k++) cond[k] /= s;
    const chains = 400;
    const rng = new Rng(15);
    const v = new Float32Array(chains * V).fill(1);
    const counts = new Float64Array(chains * 4);
    let violations = 0;
    new BlockGibbs({ steps: 300 }).sample(rbm, v, {
      rng,
      constraints: [observedMask(mask, values)],
      onStep: (t, _f, vs) => {
        for (let n = 0; n < chains; n++) {
          if (vs[n * V] !== 1 || vs[n * V + 1] !== 0) violations++;
          if (t >= 20) counts[n * 4 + (stateIndex(vs, n * V) >> 2)]++;
        }
      },
    });
    let maxZ = 0;
    for (let k = 0; k < 4; k++) {
      const per = new Float64Array(chains);
      for (let n = 0; n < chains; n++) per[n] = counts[n * 4 + k] / 280;
      const { mean, se } = meanAndSe(per);
      maxZ = Math.max(maxZ, Math.abs(mean - cond[k]) / se);
    }
    console.log(`Block Gibbs conditional p(v₂, v₃ | v₀ = 1, v₁ = 0): max|z| ${maxZ.toFixed(2)} (tol ${Z_MAX})`);
    expect(violations).toBe(0);
    expect(maxZ).toBeLessThan(Z_MAX);
  });
});
