import { describe, expect, it } from 'vitest';
import { EnergyModel } from './EnergyModel.js';
import { Rng } from '../random/Rng.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { CONV_RULES, convPlan } from '../layers/conv.js';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';

/** Largest |a − b| over the largest |a|. */
function rel(a: Float32Array, b: Float32Array): number {
  let m = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(a[i]));
  }
  return m / s;
}

const spec: NetworkSpec = {
  input: [3, 12, 10],
  layers: [
    { type: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'conv2d', outChannels: 16, kernel: 3, stride: 1, padding: 1 },
    { type: 'silu' },
  ],
  referenceSigma: 2,
};

describe('EnergyModel.freeze', () => {
  it('gives the live model’s E and dE/dx, and keeps its θ when the model changes', async () => {
    const model = await EnergyModel.create(spec, { seed: 3, threads: 1 });
    const x = new Rng(5).fillNormal(new Float32Array(4 * 3 * 12 * 10)) as Float32Array;
    const frozen = model.freeze();
    const live = await model.energyAndGrad(x);
    const snap = await frozen.energyAndGrad(x);
    expect(rel(snap.energy, live.energy)).toBeLessThan(1e-5);
    expect(rel(snap.grad, live.grad)).toBeLessThan(1e-5);
    expect(rel(await frozen.energy(x), live.energy)).toBeLessThan(1e-5);
    // Other spatial sizes work on the snapshot too (fully convolutional net).
    const big = new Rng(6).fillNormal(new Float32Array(2 * 3 * 16 * 16)) as Float32Array;
    expect(rel((await frozen.energyAndGrad(big, [3, 16, 16])).grad, (await model.energyAndGrad(big, [3, 16, 16])).grad)).toBeLessThan(1e-5);
    // Training moves θ; the snapshot keeps the old one, a new snapshot follows.
    for (let i = 0; i < model.theta.length; i++) model.theta[i] *= 1.5;
    const moved = await model.energy(x);
    expect(rel(await frozen.energy(x), snap.energy)).toBeLessThan(1e-6);
    expect(rel(await frozen.energy(x), moved)).toBeGreaterThan(1e-2);
    const again = model.freeze();
    expect(rel(await again.energy(x), moved)).toBeLessThan(1e-5);
    await Promise.all([frozen.dispose(), again.dispose(), model.dispose()]);
  });

  it('gives the live model’s E and dE/dx on a 3D net whose snapshot takes other conv formulations', async () => {
    // conv3d with 12 outputs onto 3×3 images: with θ as inputs its forward stays a 3D Conv under 'auto', with θ as
    // constants it is a stacked 2D one (NCHWc kernels); then a single-position conv3d (a GEMM).
    const spec3d: NetworkSpec = {
      input: [2, 4, 6, 6],
      layers: [
        { type: 'conv3d', outChannels: 12, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv3d', outChannels: 3, kernel: [2, 3, 3] },
        { type: 'tanh' },
      ],
    };
    const saved = { ...CONV_RULES };
    Object.assign(CONV_RULES, { conv3d: 'auto', singlePosition: 'auto' });
    try {
      const first = resolveNetwork(spec3d).layers[0];
      const ctx = { index: 0, batch: 3, inShape: first.inShape, outShape: first.outShape, params: ['w'] };
      const live = new GraphBuilder('live');
      live.input('w', [1]);
      const baked = new GraphBuilder('baked');
      baked.initializer('w', new Float32Array(1), [1]);
      expect(convPlan(live, ctx).forward).toBe('conv');
      expect(convPlan(baked, ctx).forward).toBe('stacked2d');

      const model = await EnergyModel.create(spec3d, { seed: 4, threads: 1 });
      const x = new Rng(7).fillNormal(new Float32Array(3 * 2 * 4 * 6 * 6)) as Float32Array;
      const frozen = model.freeze();
      const a = await model.energyAndGrad(x);
      const b = await frozen.energyAndGrad(x);
      expect(rel(b.energy, a.energy)).toBeLessThan(1e-5);
      expect(rel(b.grad, a.grad)).toBeLessThan(1e-5);
      // The tolerance is not loose: a 10 % change of the input moves the energies by far more.
      expect(rel(await frozen.energy(x.map((v) => v * 1.1)), b.energy)).toBeGreaterThan(1e-3);
      await Promise.all([frozen.dispose(), model.dispose()]);
    } finally {
      Object.assign(CONV_RULES, saved);
    }
  });
});
