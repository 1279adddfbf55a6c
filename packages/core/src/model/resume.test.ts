import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, saveModel } from './persistModel.js';
import { McmcMle, type McmcMleOptions } from '../train/McmcMle.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { Langevin } from '../samplers/Langevin.js';
import { Hmc } from '../samplers/Hmc.js';
import { Mala } from '../samplers/Mala.js';
import { Adam } from '../optim/Adam.js';
import { Sgd } from '../optim/Sgd.js';
import { Rng } from '../random/Rng.js';

/**
 * Training resumed from a model file continues exactly: N iterations, save, load, McmcMle.restore, M more
 * iterations give bit-for-bit the θ (and trainer state) of one uninterrupted run of N + M iterations.
 */

const SPEC: NetworkSpec = {
  input: [1, 8, 8],
  referenceSigma: 0.5,
  layers: [
    { type: 'conv2d', outChannels: 4, kernel: 3, padding: 1 },
    { type: 'silu' },
    { type: 'conv2d', outChannels: 4, kernel: 3, stride: 2 },
    { type: 'leakyRelu', alpha: 0.2 },
  ],
};
const D = 64;

let dir: string;
let data: Float32Array;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-resume-'));
  data = new Float32Array(20 * D);
  new Rng(9).fillUniform(data, -1, 1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ResumeCase {
  label: string;
  /** Iterations before the save, then after the load. */
  n: number;
  m: number;
  options: (P: number) => McmcMleOptions;
}

const CASES: ResumeCase[] = [
  {
    label: "init 'persistent', Adam, Langevin, energy penalty and gradient clipping",
    n: 3,
    m: 3,
    options: (P) => ({
      sampler: new Langevin({ steps: 6, stepSize: 0.1 }),
      optimizer: new Adam(P, { lr: 0.01, beta1: 0.5 }),
      init: 'persistent',
      chains: 6,
      batchSize: 20,
      energyPenalty: 1e-3,
      maxGradNorm: 5,
      seed: 21,
    }),
  },
  {
    label: "init 'replay' (small buffer that wraps), SGD with momentum, HMC with mass, jitter and step-size adaptation",
    n: 3,
    m: 3,
    options: (P) => ({
      sampler: new Hmc({ steps: 3, stepSize: 0.05, leapfrogSteps: 3, jitter: 0.3, mass: new Float32Array(D).fill(1.5), adapt: { targetAccept: 0.65, rate: 0.1 } }),
      optimizer: new Sgd(P, { lr: 0.002, momentum: 0.9 }),
      init: 'replay',
      replay: { capacity: 15, reinitProb: 0.3 },
      chains: 8,
      batchSize: 6,
      noise: { kind: 'gaussian', mean: 0, std: 0.5 },
      seed: 22,
    }),
  },
  {
    label: "init 'replay' saved before the first iteration (the buffer options must survive), Adam, MALA",
    n: 0,
    m: 4,
    options: (P) => ({
      sampler: new Mala({ steps: 4, stepSize: 0.1 }),
      optimizer: new Adam(P, { lr: 0.01 }),
      init: 'replay',
      replay: { capacity: 10, reinitProb: 0.5 },
      chains: 5,
      batchSize: 5,
      seed: 23,
    }),
  },
  {
    label: "init 'persistent', SGD, MALA with adaptation, random data batches, no clipping or gap limit (Infinity)",
    n: 2,
    m: 3,
    options: (P) => ({
      sampler: new Mala({ steps: 4, stepSize: 0.2, adapt: { targetAccept: 0.57 } }),
      optimizer: new Sgd(P, { lr: 0.003 }),
      init: 'persistent',
      chains: 4,
      batchSize: 7,
      maxGradNorm: Infinity,
      maxEnergyGap: Infinity,
      seed: 24,
    }),
  },
];

function firstDifference(a: Float32Array, b: Float32Array): string | undefined {
  if (a.length !== b.length) return `lengths ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `θ[${i}] = ${a[i]} resumed vs ${b[i]} uninterrupted`;
  return undefined;
}

describe('resuming training from a model file', () => {
  CASES.forEach((c, k) => {
    it(`${c.label}: ${c.n} + ${c.m} iterations equal ${c.n + c.m} uninterrupted, bit for bit`, async () => {
      const straight = await EnergyModel.create(SPEC, { seed: 3, threads: 1 });
      const reference = new McmcMle(straight, c.options(straight.theta.length));
      for await (const _ of reference.run(data, c.n + c.m));

      const first = await EnergyModel.create(SPEC, { seed: 3, threads: 1 });
      const before = new McmcMle(first, c.options(first.theta.length));
      for await (const _ of before.run(data, c.n));
      const file = join(dir, `resume-${k}.ebm`);
      await saveModel(file, first, { domain: 'generic', trainer: before, sampler: { name: 'langevin', options: { steps: 10, stepSize: 0.1 } } });
      await first.dispose();

      const loaded = await loadModel(file, { threads: 1 });
      expect(loaded.trainerState, 'trainer state in the file').toBeDefined();
      // Chain sets are stored as float32 tensors beside θ, not as text in the JSON header.
      const chains = before.state();
      for (const key of ['replay', 'persistent'] as const) {
        const held = chains[key]?.data;
        if (!(held instanceof Float32Array)) continue;
        expect(loaded.contents.tensors[key], `${key} tensor`).toEqual(held);
        expect((loaded.contents.training?.trainer as Record<string, { data: unknown }>)[key].data).toBe(`tensor:${key}`);
      }
      expect(loaded.trainerState!.iteration).toBe(c.n);
      const after = McmcMle.restore(loaded.model, loaded.trainerState!);
      for await (const _ of after.run(data, c.m));

      expect(after.iteration).toBe(c.n + c.m);
      expect(firstDifference(loaded.model.theta, straight.theta)).toBeUndefined();
      // Everything else a further resume would need agrees too: RNG, optimiser moments, chains or buffer, sampler.
      expect(after.state()).toEqual(reference.state());
      // And the resumed run did move θ (a resume that silently skipped training would fail above only by luck).
      expect(firstDifference(loaded.model.theta, loaded.contents.tensors.theta)).toBeDefined();
      await straight.dispose();
      await loaded.model.dispose();
    });
  });
});
