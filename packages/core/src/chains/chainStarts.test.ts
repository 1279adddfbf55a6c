import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { noiseChains } from './noiseChains.js';
import { dataChains } from './dataChains.js';
import { PersistentChains } from './PersistentChains.js';
import { decodeFloat32, encodeFloat32 } from './float32Base64.js';
import { ChainError } from './ChainError.js';
import { Langevin } from '../samplers/Langevin.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';

const Z_MAX = 5;

const quadratic: EnergyFn = async (x) => {
  const energy = new Float32Array(x.length / 4);
  for (let i = 0; i < x.length; i++) energy[(i / 4) | 0] += 0.5 * x[i] * x[i];
  return { energy, grad: Float32Array.from(x) };
};

describe('chain starts', () => {
  it('noise: uniform fills its range with the right mean, Gaussian has the right mean and std', () => {
    const rng = new Rng(50);
    const u = noiseChains(1000, 10, rng, { kind: 'uniform', lo: 2, hi: 4 });
    expect(u.length).toBe(10000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThan(4);
    const mu = u.reduce((a, b) => a + b, 0) / u.length;
    expect(Math.abs(mu - 3) / Math.sqrt(1 / 3 / u.length)).toBeLessThan(Z_MAX);
    const g = noiseChains(1000, 10, rng, { kind: 'gaussian', mean: -1, std: 0.5 });
    const gm = g.reduce((a, b) => a + b, 0) / g.length;
    const gv = g.reduce((a, b) => a + (b - gm) ** 2, 0) / (g.length - 1);
    expect(Math.abs(gm + 1) / Math.sqrt(0.25 / g.length)).toBeLessThan(Z_MAX);
    expect(Math.abs(gv - 0.25) / (0.25 * Math.sqrt(2 / g.length))).toBeLessThan(Z_MAX);
    expect(Array.from(noiseChains(3, 2, new Rng(7)))).toEqual(Array.from(noiseChains(3, 2, new Rng(7))));
  });

  it('data: copies (never views) all samples, chosen indices or n random ones', () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i); // 4 samples of 3
    const all = dataChains(data, 3);
    all[0] = 99;
    expect(data[0]).toBe(0);
    expect(Array.from(dataChains(data, 3, { indices: [3, 0] }))).toEqual([9, 10, 11, 0, 1, 2]);
    const drawn = dataChains(data, 3, { n: 5, rng: new Rng(51) });
    expect(drawn.length).toBe(15);
    for (let k = 0; k < 5; k++) expect(drawn[k * 3] % 3).toBe(0);
    expect(() => dataChains(data, 5)).toThrow(ChainError);
    expect(() => dataChains(data, 3, { indices: [4] })).toThrow(/index 4 is outside the 4 data samples/);
  });

  it('persistent chains continue across runs, as one long run, and survive JSON', async () => {
    const langevin = new Langevin({ steps: 10, stepSize: 0.1 });
    const a = PersistentChains.fromNoise(6, 4, new Rng(52));
    const once = new PersistentChains(Float32Array.from(a.x), 4);
    const rngA = new Rng(53);
    await a.advance(langevin, quadratic, { rng: rngA });
    const saved = JSON.parse(JSON.stringify(a.toJSON()));
    await a.advance(langevin, quadratic, { rng: rngA });
    expect(a.iterations).toBe(2);
    // the same 20 Langevin steps in one run
    await once.advance(langevin, quadratic, { rng: new Rng(53), steps: 20 });
    expect(Array.from(a.x)).toEqual(Array.from(once.x));
    // resumed from the saved state with the saved random state: identical
    const restored = PersistentChains.fromJSON(saved);
    expect(restored.iterations).toBe(1);
    const rngB = new Rng(53);
    await new PersistentChains(new Float32Array(24), 4).advance(langevin, quadratic, { rng: rngB }); // advance rngB like rngA's first run
    await restored.advance(langevin, quadratic, { rng: rngB });
    expect(Array.from(restored.x)).toEqual(Array.from(a.x));
    expect(() => new PersistentChains(new Float32Array(10), 4)).toThrow(ChainError);
  });

  it('base64 float32 is bit-exact, NaN and −0 included, and checks its length', () => {
    const a = new Float32Array([1.5, -0, NaN, Infinity, -3.4e38, 1e-45]);
    const b = decodeFloat32(encodeFloat32(a), 6);
    for (let i = 0; i < a.length; i++) expect(Object.is(b[i], a[i])).toBe(true);
    expect(() => decodeFloat32(encodeFloat32(a), 5)).toThrow(/6 values where 5 were expected/);
  });
});
