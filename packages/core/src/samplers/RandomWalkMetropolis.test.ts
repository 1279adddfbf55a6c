import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { RandomWalkMetropolis } from './RandomWalkMetropolis.js';
import { metropolisAccept } from './metropolisAccept.js';
import { gaussianEnergy, gaussianEnergyOnly, rotatedGaussian } from './testing/gaussianTarget.js';
import { describeGaussianRun, expectGaussianMatch, runOnGaussian } from './testing/gaussianRun.js';
import { describeMixtureRun, expectMixtureMatch, runOnMixture } from './testing/mixtureRun.js';
import { RingMetropolis } from './testing/ringMetropolis.js';
import { meanAndSe } from './testing/chainStatistics.js';
import { Z_MAX } from './testing/tolerances.js';

describe('RandomWalkMetropolis', () => {
  it('samples a correlated 2-D Gaussian (condition number 20, random rotation)', async () => {
    const mh = new RandomWalkMetropolis({ steps: 0, proposalStd: 0.5 });
    const r = await runOnGaussian(mh, rotatedGaussian(2, 20, 3), { chains: 200, burn: 200, keep: 3000, thin: 2, seed: 1 });
    console.log(describeGaussianRun('MH dim 2', r));
    expectGaussianMatch('MH dim 2', r);
  });

  it('puts the right mass in each mode of a 0.3/0.7 Gaussian mixture', async () => {
    const mh = new RandomWalkMetropolis({ steps: 0, proposalStd: 2.5 });
    const r = await runOnMixture(mh, { chains: 400, burn: 100, keep: 1000, seed: 2 });
    console.log(describeMixtureRun('MH mixture', r));
    expectMixtureMatch('MH mixture', r);
  });

  it('gives the same chains from energies alone as from an EnergyFn', async () => {
    const t = rotatedGaussian(3, 5, 4);
    const start = new Rng(3).fillNormal(new Float32Array(30)) as Float32Array;
    const a = Float32Array.from(start);
    const b = Float32Array.from(start);
    const mh = new RandomWalkMetropolis({ steps: 50, proposalStd: 0.4 });
    await mh.sample(gaussianEnergy(t), a, { rng: new Rng(9) });
    await mh.sampleEnergyOnly(gaussianEnergyOnly(t), b, { rng: new Rng(9) });
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('accepts with probability min(1, exp(log ratio)) and rejects NaN', () => {
    const rng = new Rng(10);
    let hits = 0;
    const n = 20000;
    for (let k = 0; k < n; k++) if (metropolisAccept(Math.log(0.3), rng)) hits++;
    const se = Math.sqrt((0.3 * 0.7) / n);
    expect(Math.abs(hits / n - 0.3) / se).toBeLessThan(Z_MAX);
    expect(metropolisAccept(0, rng)).toBe(true);
    expect(metropolisAccept(Number.NaN, rng)).toBe(false);
    expect(metropolisAccept(-Infinity, rng)).toBe(false);
  });

  it('satisfies detailed balance on an 8-state ring and its histogram matches π', () => {
    const E = [0, 1.5, 0.3, 2, 0.8, -0.5, 1.1, 0.2];
    const K = E.length;
    const w = E.map((e) => Math.exp(-e));
    const Z = w.reduce((a, b) => a + b, 0);
    const pi = w.map((v) => v / Z);
    const ring = new RingMetropolis(E);
    const rng = new Rng(11);
    const chains = 400;
    const states = new Int32Array(chains);
    for (let n = 0; n < chains; n++) states[n] = rng.int(K); // uniform start, not π
    for (let t = 0; t < 100; t++) ring.step(states, rng);
    const counts = new Float64Array(K * K);
    const visits = new Float64Array(chains * K);
    const steps = 1000;
    for (let t = 0; t < steps; t++) {
      ring.step(states, rng, counts);
      for (let n = 0; n < chains; n++) visits[n * K + states[n]]++;
    }
    // 1. histogram vs π, SE from the spread of per-chain frequencies
    let maxZ = 0;
    let tv = 0;
    for (let i = 0; i < K; i++) {
      const per = new Float64Array(chains);
      for (let n = 0; n < chains; n++) per[n] = visits[n * K + i] / steps;
      const { mean, se } = meanAndSe(per);
      maxZ = Math.max(maxZ, Math.abs(mean - pi[i]) / se);
      tv += Math.abs(mean - pi[i]) / 2;
    }
    // 2. detailed balance: π(i)P(i→j) = π(j)P(j→i), i.e. equal flows C(i→j) ≈ C(j→i) (difference ~ √(C(i→j) + C(j→i)))
    // 3. each empirical P(i→j) vs the exact ½·min(1, π(j)/π(i)), binomial SE
    let maxFlowZ = 0;
    let maxRelBalance = 0;
    let maxPZ = 0;
    for (let i = 0; i < K; i++) {
      let from = 0;
      for (let j = 0; j < K; j++) from += counts[i * K + j];
      for (const j of [(i + 1) % K, (i + K - 1) % K]) {
        const cij = counts[i * K + j];
        const cji = counts[j * K + i];
        maxFlowZ = Math.max(maxFlowZ, Math.abs(cij - cji) / Math.sqrt(cij + cji));
        let fromJ = 0;
        for (let k = 0; k < K; k++) fromJ += counts[j * K + k];
        const lhs = pi[i] * (cij / from);
        const rhs = pi[j] * (cji / fromJ);
        maxRelBalance = Math.max(maxRelBalance, Math.abs(lhs - rhs) / Math.max(lhs, rhs));
        const p = 0.5 * Math.min(1, pi[j] / pi[i]);
        maxPZ = Math.max(maxPZ, Math.abs(cij / from - p) / Math.sqrt((p * (1 - p)) / from));
      }
    }
    console.log(
      `MH ring of ${K}: histogram max|z| ${maxZ.toFixed(2)} (tol ${Z_MAX}), total variation ${tv.toFixed(4)}; ` +
        `detailed balance: max flow |C(i→j) − C(j→i)|/√(C(i→j)+C(j→i)) ${maxFlowZ.toFixed(2)} (tol ${Z_MAX}), ` +
        `max relative gap of π(i)P(i→j) vs π(j)P(j→i) ${maxRelBalance.toFixed(4)}; P(i→j) vs ½min(1, π(j)/π(i)) max|z| ${maxPZ.toFixed(2)}`,
    );
    expect(maxZ).toBeLessThan(Z_MAX);
    expect(maxFlowZ).toBeLessThan(Z_MAX);
    expect(maxPZ).toBeLessThan(Z_MAX);
  });
});
