import { describe, expect, it } from 'vitest';
import { freeEnergy } from '../samplers/BoltzmannMachine.js';
import { Rng } from '../random/Rng.js';
import { ContrastiveDivergence } from './ContrastiveDivergence.js';
import { createRbm } from './createRbm.js';
import { exactLogPartition } from './exactLogPartition.js';

/**
 * CD-1, CD-5 and PCD-1 (learning rate decaying to 0) on a 12-visible, 8-hidden RBM, where log Z is exact: on data from a mixture of four noisy
 * prototypes, training raises the exact mean log-likelihood well above the start (the base-rate model, independent
 * pixels) — the gain is the structure the hidden units learned.
 */

const V = 12;

function prototypeData(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const protos = [0b111100001111, 0b000011110000, 0b101010101010, 0b010101010101];
  const v = new Float32Array(n * V);
  for (let k = 0; k < n; k++) {
    const p = protos[rng.int(4)];
    for (let i = 0; i < V; i++) v[k * V + i] = ((p >> i) & 1) ^ (rng.uniform() < 0.05 ? 1 : 0);
  }
  return v;
}

function meanLogLikelihood(rbm: ReturnType<typeof createRbm>, v: Float32Array): number {
  const logZ = exactLogPartition(rbm);
  const F = freeEnergy(rbm, v);
  return -F.reduce((s, f) => s + f, 0) / F.length - logZ;
}

describe('contrastive divergence', () => {
  for (const [label, k, persistent] of [
    ['CD-1', 1, false],
    ['CD-5', 5, false],
    ['PCD-1', 1, true],
  ] as const) {
    it(`${label} learns the prototypes: held-out log-likelihood rises by more than 2 nats`, async () => {
      const train = prototypeData(400, 1);
      const test = prototypeData(200, 2);
      const rbm = createRbm(V, 8, 3, train);
      const start = meanLogLikelihood(rbm, test);
      // PCD with Tieleman's decaying learning rate and momentum 0.5 (at a constant rate, or with momentum 0.9, its 20
      // chains keep jumping between the four modes and the likelihood swings by nats from epoch to epoch).
      const pcd = persistent ? { decayEpochs: 60, momentum: 0.5 } : {};
      const cd = new ContrastiveDivergence(rbm, { k, persistent, learningRate: 0.1, batchSize: 20, seed: 4, ...pcd });
      let last = await cd.epoch(train);
      for (let e = 1; e < 60; e++) last = await cd.epoch(train);
      await cd.dispose();
      const end = meanLogLikelihood(rbm, test);
      console.log(`${label}: exact held-out log-likelihood ${start.toFixed(3)} → ${end.toFixed(3)} nats, reconstruction error ${last.reconstructionError.toFixed(3)}`);
      expect(end - start).toBeGreaterThan(2);
      // Four prototypes with 5 % flips: −log 4 − 12·H(0.05) ≈ −3.77 nats is the best a model can do.
      expect(end).toBeLessThan(-3.7);
    });
  }

  it('refuses bad options with a message naming them', () => {
    const rbm = createRbm(4, 2, 0);
    expect(() => new ContrastiveDivergence(rbm, { k: 0 })).toThrow('CD steps k must be a whole number ≥ 1, got 0');
    expect(() => new ContrastiveDivergence(rbm, { learningRate: -1 })).toThrow('learning rate must be a number ≥ 0, got -1');
  });
});
