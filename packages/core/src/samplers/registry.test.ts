import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import type { EnergyFn } from './EnergyFn.js';
import { SAMPLERS, createSampler, isSamplerName, samplerFromState } from './registry.js';
import type { Sampler } from './Sampler.js';
import { SamplerError } from './SamplerError.js';
import { Mala } from './Mala.js';
import { Hmc } from './Hmc.js';
import { RandomWalkMetropolis } from './RandomWalkMetropolis.js';
import { meanOf } from './Sampler.js';
import { gaussianEnergy, rotatedGaussian } from './testing/gaussianTarget.js';

const configs = {
  langevin: { steps: 10, stepSize: 0.1, sigma: 2, gradClip: 5, clamp: [-3, 3] as [number, number] },
  sgld: { steps: 10, stepSize: 0.01, noiseStd: 0.05 },
  mala: { steps: 10, stepSize: 0.2 },
  hmc: { steps: 4, stepSize: 0.1, leapfrogSteps: 5, mass: [1, 2, 0.5], jitter: 0.1 },
  'random-walk-mh': { steps: 10, proposalStd: 0.3 },
};

const target = rotatedGaussian(3, 10, 30);

async function run(sampler: Sampler, seed: number): Promise<Float32Array> {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(8 * 3)) as Float32Array;
  await sampler.sample(gaussianEnergy(target), x, { rng });
  return x;
}

describe('sampler registry', () => {
  it('builds every registered sampler by name', () => {
    expect(Object.keys(SAMPLERS).sort()).toEqual(Object.keys(configs).sort());
    for (const [name, options] of Object.entries(configs)) {
      const s = createSampler(name, options);
      expect(s.name).toBe(name);
      expect(isSamplerName(name)).toBe(true);
    }
  });

  it('names the choices for an unknown name', () => {
    expect(() => createSampler('gibbs', {})).toThrow(SamplerError);
    expect(() => createSampler('gibbs', {})).toThrow(/unknown sampler 'gibbs'; choose one of langevin, sgld, mala, hmc, random-walk-mh/);
  });

  it('is deterministic given the seed, and a state round trip through JSON gives bit-identical chains', async () => {
    for (const [name, options] of Object.entries(configs)) {
      const a = createSampler(name, options);
      const b = samplerFromState(JSON.parse(JSON.stringify(a.state())));
      const xa = await run(a, 31);
      const xa2 = await run(a, 31);
      const xb = await run(b, 31);
      expect(Array.from(xa2), `${name}: same seed twice`).toEqual(Array.from(xa));
      expect(Array.from(xb), `${name}: restored from JSON state`).toEqual(Array.from(xa));
      const xc = await run(a, 32);
      expect(Array.from(xc), `${name}: another seed`).not.toEqual(Array.from(xa));
    }
  });

  it('reports every step with the mean energy of the state after it', async () => {
    for (const [name, options] of Object.entries(configs)) {
      const s = createSampler(name, options);
      const rng = new Rng(33);
      const x = rng.fillNormal(new Float32Array(8 * 3)) as Float32Array;
      const seen: number[] = [];
      let last = NaN;
      const r = await s.sample(gaussianEnergy(target), x, { rng, onStep: (t, e) => (seen.push(t), (last = e)) });
      expect(seen, name).toEqual(Array.from({ length: r.steps }, (_, i) => i));
      expect(last, name).toBeCloseTo(meanOf(r.energy), 5);
      const exact = await gaussianEnergy(target)(x);
      expect(Array.from(r.energy), `${name}: reported final energies`).toEqual(Array.from(exact.energy));
      expect(r.chains).toBe(8);
      expect(r.dim).toBe(3);
      expect(r.acceptRate.length).toBe(8);
    }
  });

  it('adapts step sizes toward the target acceptance and keeps them in the state', async () => {
    const t = rotatedGaussian(10, 10, 34);
    const cases: [Sampler & { options: { adapt?: unknown } }, number][] = [
      [new Mala({ steps: 400, stepSize: 2, adapt: { targetAccept: 0.574 } }), 0.574],
      [new Hmc({ steps: 200, stepSize: 1, leapfrogSteps: 5, adapt: { targetAccept: 0.65 } }), 0.65],
      [new RandomWalkMetropolis({ steps: 400, proposalStd: 5, adapt: { targetAccept: 0.3 } }), 0.3],
    ];
    for (const [sampler, targetAccept] of cases) {
      const rng = new Rng(35);
      const x = rng.fillNormal(new Float32Array(64 * 10)) as Float32Array;
      await sampler.sample(gaussianEnergy(t), x, { rng });
      const state = JSON.parse(JSON.stringify(sampler.state()));
      delete state.options.adapt; // sample with the adapted size, fixed
      const fixed = samplerFromState(state);
      const r = await fixed.sample(gaussianEnergy(t), x, { rng, steps: 200 });
      const size = (state.options.stepSize ?? state.options.proposalStd) as number;
      console.log(`${sampler.name} adaptation: step size → ${size.toFixed(4)}, then acceptance ${r.meanAcceptRate.toFixed(3)} (target ${targetAccept}, tol ±0.1)`);
      expect(Math.abs(r.meanAcceptRate - targetAccept)).toBeLessThan(0.1);
    }
  });

  it('explains an energy that returns the wrong number of values', async () => {
    const bad: EnergyFn = async (x) => ({ energy: new Float32Array(7), grad: new Float32Array(x.length) });
    for (const [name, options] of Object.entries(configs)) {
      await expect(createSampler(name, options).sample(bad, new Float32Array(64), { rng: new Rng(1) }), name).rejects.toThrow(
        /energy returned 7 values for 64 inputs/,
      );
    }
    expect(() => new Hmc({ steps: 1, stepSize: 0.1, leapfrogSteps: 0 })).toThrow(/leapfrogSteps must be a whole number ≥ 1/);
    expect(() => new Mala({ steps: 1, stepSize: -1 })).toThrow(SamplerError);
    await expect(new Hmc({ steps: 1, stepSize: 0.1, leapfrogSteps: 2, mass: [1, 1] }).sample(gaussianEnergy(target), new Float32Array(6), { rng: new Rng(1) })).rejects.toThrow(
      /mass has 2 entries for samples of 3 values/,
    );
  });
});
