import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import type { EnergyFn } from './EnergyFn.js';
import type { Sampler } from './Sampler.js';
import { clampRange, observedMask } from './Constraint.js';
import { blockAverage, blockAverageProjection } from './blockAverageProjection.js';
import { SamplerError } from './SamplerError.js';
import { Langevin } from './Langevin.js';
import { Sgld } from './Sgld.js';
import { Mala } from './Mala.js';
import { Hmc } from './Hmc.js';
import { RandomWalkMetropolis } from './RandomWalkMetropolis.js';
import { gaussianEnergy, rotatedGaussian } from './testing/gaussianTarget.js';
import { isotropicEnergy } from './testing/isotropicEnergy.js';
import { meanAndSe } from './testing/chainStatistics.js';
import { Z_MAX } from './testing/tolerances.js';

const allSamplers = (): Sampler[] => [
  new Langevin({ steps: 20, stepSize: 0.1 }),
  new Sgld({ steps: 20, stepSize: 0.01, noiseStd: 0.05, gradClip: 0.5 }),
  new Mala({ steps: 20, stepSize: 0.1 }),
  new Hmc({ steps: 5, stepSize: 0.05, leapfrogSteps: 4 }),
  new RandomWalkMetropolis({ steps: 20, proposalStd: 0.1 }),
];

/** Wraps an energy so that every state it is asked about is checked first (proposals included). */
function watched(energy: EnergyFn, check: (x: Float32Array) => void): EnergyFn {
  return async (x) => {
    check(x);
    return energy(x);
  };
}

describe('observedMask', () => {
  it('keeps observed entries bit-identical under every sampler, proposals included', async () => {
    const N = 4;
    const D = 64;
    const rng = new Rng(20);
    const mask = new Uint8Array(D).map(() => (rng.uniform() < 0.5 ? 1 : 0));
    const values = rng.fillNormal(new Float32Array(N * D)) as Float32Array; // per-sample observations [N·D]
    const target = rotatedGaussian(D, 10, 21);
    for (const sampler of allSamplers()) {
      let badEvaluations = 0;
      const energy = watched(gaussianEnergy(target), (x) => {
        for (let i = 0; i < x.length; i++) if (mask[i % D] && !Object.is(x[i], values[i])) badEvaluations++;
      });
      const x = rng.fillNormal(new Float32Array(N * D)) as Float32Array;
      const start = Float32Array.from(x);
      const r = await sampler.sample(energy, x, { rng, constraints: [observedMask(mask, values)] });
      let changed = 0;
      let wrong = 0;
      for (let i = 0; i < x.length; i++) {
        if (mask[i % D]) {
          if (!Object.is(x[i], values[i])) wrong++;
        } else if (x[i] !== start[i]) changed++;
      }
      expect(wrong, `${sampler.name}: observed entries not equal to their values`).toBe(0);
      expect(badEvaluations, `${sampler.name}: energies evaluated at states violating the mask`).toBe(0);
      expect(changed, `${sampler.name}: free entries that moved`).toBeGreaterThan(0);
      expect(r.meanAcceptRate, `${sampler.name}: acceptance`).toBeGreaterThan(0);
    }
  });

  it('makes HMC, MALA and MH sample the exact conditional of a correlated Gaussian', async () => {
    const t = rotatedGaussian(2, 20, 3);
    const [S00, S01, S11] = [t.cov[0], t.cov[1], t.cov[3]];
    const a = t.mean[1] + 0.5;
    const condMean = t.mean[0] + (S01 / S11) * (a - t.mean[1]);
    const condVar = S00 - (S01 * S01) / S11;
    const cases: [string, Sampler, number][] = [
      ['HMC', new Hmc({ steps: 0, stepSize: 0.1, leapfrogSteps: 8, jitter: 0.2 }), 200],
      ['MALA', new Mala({ steps: 0, stepSize: 0.25 }), 1000],
      ['MH', new RandomWalkMetropolis({ steps: 0, proposalStd: 0.4 }), 1000],
    ];
    for (const [label, sampler, keep] of cases) {
      const chains = 200;
      const rng = new Rng(22);
      const x = rng.fillNormal(new Float32Array(chains * 2), 0, 2) as Float32Array;
      const constraints = [observedMask([0, 1], new Float32Array([0, a]))];
      await sampler.sample(gaussianEnergy(t), x, { rng, steps: 100, constraints });
      const m1 = new Float64Array(chains);
      const m2 = new Float64Array(chains);
      const r = await sampler.sample(gaussianEnergy(t), x, {
        rng,
        steps: keep,
        constraints,
        onStep: (_s, _e, xs) => {
          for (let n = 0; n < chains; n++) (m1[n] += xs[2 * n] / keep), (m2[n] += (xs[2 * n] - condMean) ** 2 / keep);
        },
      });
      const mean = meanAndSe(m1);
      const vr = meanAndSe(m2);
      const zMean = (mean.mean - condMean) / mean.se;
      const zVar = (vr.mean - condVar) / vr.se;
      console.log(
        `${label} with x₁ observed: accept ${r.meanAcceptRate.toFixed(3)}; conditional mean ${mean.mean.toFixed(4)} vs ${condMean.toFixed(4)} (z ${zMean.toFixed(2)}), ` +
          `variance ${vr.mean.toFixed(4)} vs ${condVar.toFixed(4)} (z ${zVar.toFixed(2)}); tol |z| < ${Z_MAX}`,
      );
      expect(Math.abs(zMean), `${label}: conditional mean`).toBeLessThan(Z_MAX);
      expect(Math.abs(zVar), `${label}: conditional variance`).toBeLessThan(Z_MAX);
    }
  });

  it('rejects a mask that does not tile the state, naming both sizes', async () => {
    const c = observedMask(new Uint8Array(5), new Float32Array(5));
    expect(() => c.apply(new Float32Array(12))).toThrow(SamplerError);
    expect(() => c.apply(new Float32Array(12))).toThrow(/mask of 5 .* state of 12/);
    expect(() => observedMask(new Uint8Array(4), new Float32Array(6))).toThrow(/do not tile/);
  });
});

describe('blockAverageProjection', () => {
  const cases: [string, number[], number | number[]][] = [
    ['2-D [2, 3, 8, 8], block 2', [2, 3, 8, 8], 2],
    ['2-D [1, 2, 6, 9], block [3, 3]', [1, 2, 6, 9], [3, 3]],
    ['3-D [2, 1, 4, 8, 8], block 2', [2, 1, 4, 8, 8], 2],
    ['3-D [1, 2, 4, 4, 8], block [1, 2, 4]', [1, 2, 4, 4, 8], [1, 2, 4]],
  ];
  for (const [label, shape, block] of cases) {
    it(`keeps the low-resolution means fixed within 1e-5 during Langevin and MALA (${label})`, async () => {
      const rng = new Rng(23);
      const full = shape.reduce((a, b) => a * b, 1);
      const N = shape[0];
      const D = full / N;
      const low = blockAverage(rng.fillUniform(new Float32Array(full), -1, 1) as Float32Array, shape, block);
      const projection = blockAverageProjection(shape, block, low);
      let worst = 0;
      const check = (x: Float32Array) => {
        const m = blockAverage(x, shape, block);
        for (let i = 0; i < m.length; i++) worst = Math.max(worst, Math.abs(m[i] - low[i]));
      };
      for (const sampler of [new Langevin({ steps: 25, stepSize: 0.2 }), new Mala({ steps: 25, stepSize: 0.2 })]) {
        const x = rng.fillNormal(new Float32Array(full), 0, 3) as Float32Array;
        const energy = watched(isotropicEnergy(D, 1, 0.5), check);
        await sampler.sample(energy, x, { rng, constraints: [projection], onStep: (_t, _e, xs) => check(xs) });
        check(x);
      }
      console.log(`block-average projection ${label}: largest |block mean − target| ${worst.toExponential(2)} (tol 1e-5)`);
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('is a projection: moves a state that satisfies it by at most float32 rounding, and each block by one constant', () => {
    const shape = [1, 1, 4, 4];
    const rng = new Rng(24);
    const x = rng.fillNormal(new Float32Array(16)) as Float32Array;
    const target = new Float32Array([1, -1, 0.5, 2]);
    const before = Float32Array.from(x);
    const p = blockAverageProjection(shape, 2, target);
    p.apply(x);
    // within a 2×2 block every entry moved by the same amount
    for (const [r0, c0] of [[0, 0], [0, 2], [2, 0], [2, 2]]) {
      const d0 = x[r0 * 4 + c0] - before[r0 * 4 + c0];
      for (const [dr, dc] of [[0, 1], [1, 0], [1, 1]]) expect(x[(r0 + dr) * 4 + c0 + dc] - before[(r0 + dr) * 4 + c0 + dc]).toBeCloseTo(d0, 5);
    }
    const once = Float32Array.from(x);
    p.apply(x);
    for (let i = 0; i < 16; i++) expect(Math.abs(x[i] - once[i])).toBeLessThan(1e-6);
  });

  it('rejects a block that does not divide the size', () => {
    expect(() => blockAverageProjection([1, 1, 6, 6], 4, new Float32Array(4))).toThrow(/block 4 does not divide spatial size 6/);
    expect(() => blockAverageProjection([1, 1, 6], 2, new Float32Array(3))).toThrow(SamplerError);
  });
});

describe('clampRange', () => {
  it('keeps every state and every proposal in [lo, hi]', async () => {
    const rng = new Rng(25);
    for (const sampler of allSamplers()) {
      let outside = 0;
      const energy = watched(isotropicEnergy(32, 1, 0.9), (x) => {
        for (const v of x) if (v < 0 || v > 1) outside++;
      });
      const x = rng.fillUniform(new Float32Array(4 * 32), -3, 3) as Float32Array;
      await sampler.sample(energy, x, { rng, constraints: [clampRange(0, 1)] });
      expect(outside, `${sampler.name}: values outside [0, 1] seen by the energy`).toBe(0);
      expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...x)).toBeLessThanOrEqual(1);
    }
    expect(() => clampRange(1, 0)).toThrow(SamplerError);
  });
});
