import { describe, expect, it } from 'vitest';
import { EnergyModel } from './EnergyModel.js';
import { Rng } from '../random/Rng.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

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
    const rel = (a: Float32Array, b: Float32Array) => {
      let m = 0;
      let s = 0;
      for (let i = 0; i < a.length; i++) {
        m = Math.max(m, Math.abs(a[i] - b[i]));
        s = Math.max(s, Math.abs(a[i]));
      }
      return m / s;
    };
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
});
