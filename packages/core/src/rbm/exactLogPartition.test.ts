import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { rbmEnergy, type BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { exactLogPartition } from './exactLogPartition.js';
import { hiddenInput, sigmoidInPlace, transposeWeights } from './rbmConditionals.js';
import { visibleProbabilities } from './rbmConditionals.js';

/**
 * Brute force on a 5×4 RBM: log Z over visible states equals log Σ_{v,h} exp(−E(v, h)) over all 2⁹ joint states, and
 * the Gibbs conditionals p(hⱼ = 1 | v), p(vᵢ = 1 | h) used by CD and AIS equal the ratios of enumerated joint weights.
 */

const V = 5;
const H = 4;

function rbm(): BoltzmannMachine {
  const rng = new Rng(7);
  return {
    visible: V,
    hidden: H,
    W: rng.fillNormal(new Float32Array(V * H), 0, 1) as Float32Array,
    b: rng.fillNormal(new Float32Array(V), 0, 0.7) as Float32Array,
    c: rng.fillNormal(new Float32Array(H), 0, 0.7) as Float32Array,
  };
}

function bits(k: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (k >> i) & 1);
}

const weight = (m: BoltzmannMachine, v: Float32Array, h: Float32Array) => Math.exp(-rbmEnergy(m, v, h)[0]);

describe('RBM conditionals and log Z by enumeration', () => {
  it('exact log Z over v equals the joint sum over (v, h)', () => {
    const m = rbm();
    let Z = 0;
    for (let a = 0; a < 1 << V; a++) for (let c = 0; c < 1 << H; c++) Z += weight(m, bits(a, V), bits(c, H));
    expect(exactLogPartition(m)).toBeCloseTo(Math.log(Z), 5);
  });

  it('p(hⱼ = 1 | v) and p(vᵢ = 1 | h) match brute-force enumeration for every state', () => {
    const m = rbm();
    let worst = 0;
    for (let a = 0; a < 1 << V; a++) {
      const v = bits(a, V);
      const ph = sigmoidInPlace(hiddenInput(m, v, new Float32Array(H)));
      let total = 0;
      const on = new Float64Array(H);
      for (let c = 0; c < 1 << H; c++) {
        const h = bits(c, H);
        const w = weight(m, v, h);
        total += w;
        for (let j = 0; j < H; j++) if (h[j]) on[j] += w;
      }
      for (let j = 0; j < H; j++) worst = Math.max(worst, Math.abs(ph[j] - on[j] / total));
    }
    const Wt = transposeWeights(m);
    for (let c = 0; c < 1 << H; c++) {
      const h = bits(c, H);
      const pv = visibleProbabilities(Wt, m.b, V, H, h, new Float32Array(V));
      let total = 0;
      const on = new Float64Array(V);
      for (let a = 0; a < 1 << V; a++) {
        const v = bits(a, V);
        const w = weight(m, v, h);
        total += w;
        for (let i = 0; i < V; i++) if (v[i]) on[i] += w;
      }
      for (let i = 0; i < V; i++) worst = Math.max(worst, Math.abs(pv[i] - on[i] / total));
    }
    console.log(`RBM conditionals vs enumeration: worst |difference| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-6);
  });
});
