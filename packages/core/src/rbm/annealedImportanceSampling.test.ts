import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { annealedImportanceSampling, aisSchedule } from './annealedImportanceSampling.js';
import { exactLogPartition } from './exactLogPartition.js';

/**
 * AIS (Salakhutdinov & Murray 2008) on RBMs small enough to enumerate: 12 visible and 8 hidden units, 4,096 visible
 * states. The estimate must fall within 3 of its own standard errors of the exact log Z (their ±3σ̂ bars), and the error
 * bar must be honest (not so wide that it cannot fail).
 */

function randomRbm(seed: number, V: number, H: number, scale: number): BoltzmannMachine {
  const rng = new Rng(seed);
  return {
    visible: V,
    hidden: H,
    W: rng.fillNormal(new Float32Array(V * H), 0, scale) as Float32Array,
    b: rng.fillNormal(new Float32Array(V), -0.5, 1) as Float32Array,
    c: rng.fillNormal(new Float32Array(H), 0, 1) as Float32Array,
  };
}

describe('annealed importance sampling', () => {
  it('the schedule rises from 0 to 1 with S&M proportions', () => {
    const betas = aisSchedule(14_500);
    expect(betas.length).toBe(14_501);
    expect(betas[0]).toBe(0);
    expect(betas[betas.length - 1]).toBe(1);
    expect(betas[500]).toBeCloseTo(0.5, 12);
    expect(betas[4500]).toBeCloseTo(0.9, 12);
    expect(betas.every((b, i) => i === 0 || b > betas[i - 1])).toBe(true);
  });

  for (const [seed, scale] of [
    [1, 0.5],
    [2, 1.5],
  ] as const) {
    it(`12×8 RBM (weights N(0, ${scale}²)): log Z within 3σ̂ of the exact value`, async () => {
      const rbm = randomRbm(seed, 12, 8, scale);
      const exact = exactLogPartition(rbm);
      const r = await annealedImportanceSampling(rbm, { runs: 100, betas: aisSchedule(1000), seed: 10 + seed });
      const z = (r.logZ - exact) / r.logZStd;
      console.log(
        `AIS 12×8 (scale ${scale}): exact log Z ${exact.toFixed(4)}, AIS ${r.logZ.toFixed(4)} ± ${r.logZStd.toFixed(4)} (z ${z.toFixed(2)}), base ${r.logZBase.toFixed(2)}`,
      );
      expect(Math.abs(z)).toBeLessThan(3);
      expect(r.logZStd).toBeGreaterThan(0);
      // Honest bar: tight compared with the distance from the base model's log Z.
      expect(r.logZStd).toBeLessThan(0.05 * Math.abs(exact - r.logZBase) + 0.05);
      expect(r.logZRange[0]).toBeLessThanOrEqual(r.logZ);
      expect(r.logZRange[1]).toBeGreaterThanOrEqual(r.logZ);
    });
  }

  it('with one temperature step it is plain importance sampling from the base model and is off', async () => {
    const rbm = randomRbm(2, 12, 8, 1.5);
    const exact = exactLogPartition(rbm);
    const annealed = await annealedImportanceSampling(rbm, { runs: 100, betas: aisSchedule(1000), seed: 3 });
    const crude = await annealedImportanceSampling(rbm, { runs: 100, betas: Float64Array.from([0, 1]), seed: 3 });
    // The negative control: without annealing the estimate is far worse than with it.
    expect(Math.abs(crude.logZ - exact)).toBeGreaterThan(5 * Math.abs(annealed.logZ - exact));
  });
});
