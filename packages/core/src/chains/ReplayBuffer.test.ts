import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { ReplayBuffer } from './ReplayBuffer.js';
import { ChainError } from './ChainError.js';

const Z_MAX = 5;

function rows(m: number, dim: number, start: number): Float32Array {
  const x = new Float32Array(m * dim);
  for (let k = 0; k < m; k++) x.fill(start + k, k * dim, k * dim + dim); // sample k is all (start + k)
  return x;
}

describe('ReplayBuffer', () => {
  it('reinitialises each drawn chain with probability p (binomial tolerance)', () => {
    for (const p of [0.05, 0.3]) {
      const rng = new Rng(40);
      const buffer = new ReplayBuffer({ capacity: 500, dim: 3, reinitProb: p, init: { kind: 'uniform', lo: -1, hi: 1 } });
      buffer.push(rows(500, 3, 10), rng); // held samples are ≥ 10, noise is in [−1, 1): a chain's origin is visible
      let fresh = 0;
      let total = 0;
      let mismatched = 0;
      for (let it = 0; it < 200; it++) {
        const d = buffer.draw(100, rng);
        for (let k = 0; k < 100; k++) {
          const isNoise = d.x[k * 3] < 10;
          if (isNoise !== (d.fresh[k] === 1)) mismatched++;
          if (!isNoise && d.x[k * 3] !== 10 + d.slots[k]) mismatched++;
          fresh += d.fresh[k];
          total++;
        }
      }
      const se = Math.sqrt((p * (1 - p)) / total);
      console.log(`ReplayBuffer p = ${p}: fresh fraction ${(fresh / total).toFixed(4)} over ${total} draws, binomial SE ${se.toFixed(4)}, z ${((fresh / total - p) / se).toFixed(2)} (tol ${Z_MAX})`);
      expect(Math.abs(fresh / total - p) / se).toBeLessThan(Z_MAX);
      expect(mismatched).toBe(0);
    }
  });

  it('draws every held sample about equally often', () => {
    const rng = new Rng(41);
    const buffer = new ReplayBuffer({ capacity: 10, dim: 1, reinitProb: 0 });
    buffer.push(rows(10, 1, 0), rng);
    const counts = new Float64Array(10);
    const n = 20000;
    const d = buffer.draw(n, rng);
    for (let k = 0; k < n; k++) counts[d.x[k]]++;
    const se = Math.sqrt(0.1 * 0.9 * n);
    for (let s = 0; s < 10; s++) expect(Math.abs(counts[s] - n / 10) / se).toBeLessThan(Z_MAX);
  });

  it('starts from noise while empty, and can start full of noise (JEM)', () => {
    const rng = new Rng(42);
    const empty = new ReplayBuffer({ capacity: 10, dim: 2 });
    const d = empty.draw(5, rng);
    expect(Array.from(d.fresh)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(d.slots)).toEqual([-1, -1, -1, -1, -1]);
    const full = ReplayBuffer.filledWithNoise({ capacity: 50, dim: 2, init: { kind: 'gaussian', std: 0.1 } }, rng);
    expect(full.size).toBe(50);
    expect(Math.max(...full.samples.map(Math.abs))).toBeLessThan(1);
  });

  it('overwrites the oldest sample first (fifo) or random slots when full', () => {
    const rng = new Rng(43);
    const fifo = new ReplayBuffer({ capacity: 4, dim: 2, overwrite: 'fifo' });
    fifo.push(rows(3, 2, 0), rng);
    fifo.push(rows(3, 2, 3), rng); // 0 1 2 | 3 → 4 5 overwrite slots 0 1
    expect(Array.from(fifo.samples.filter((_, i) => i % 2 === 0))).toEqual([4, 5, 2, 3]);
    expect(fifo.size).toBe(4);
    const random = new ReplayBuffer({ capacity: 4, dim: 1, overwrite: 'random' });
    random.push(rows(4, 1, 0), rng);
    random.push(rows(100, 1, 100), rng);
    expect(random.size).toBe(4);
    expect(Array.from(random.samples).every((v) => v >= 100)).toBe(true);
    expect(() => random.push(rows(1, 1, 0))).toThrow(/needs an rng/);
  });

  it('writes sampled chains back to the slots they came from (JEM)', () => {
    const rng = new Rng(44);
    const buffer = new ReplayBuffer({ capacity: 8, dim: 2, reinitProb: 0.5 });
    buffer.push(rows(8, 2, 0), rng);
    const d = buffer.draw(4, rng);
    const updated = rows(4, 2, 100);
    buffer.writeBack(updated, d.slots, rng);
    for (let k = 0; k < 4; k++) if (d.slots.indexOf(d.slots[k], k + 1) < 0) expect(buffer.samples[d.slots[k] * 2]).toBe(100 + k);
  });

  it('survives a JSON round trip: same contents, and the same draws and pushes afterwards', () => {
    const rng = new Rng(45);
    const a = new ReplayBuffer({ capacity: 30, dim: 5, reinitProb: 0.2, init: { kind: 'gaussian', mean: 0, std: 2 }, overwrite: 'fifo' });
    a.push(rng.fillNormal(new Float32Array(37 * 5)) as Float32Array, rng); // wraps around once
    const x = new Float32Array(5).fill(NaN);
    x[1] = -0;
    a.push(x, rng); // NaN and −0 survive bit-exactly
    const json = JSON.stringify(a.toJSON());
    const b = ReplayBuffer.fromJSON(JSON.parse(json));
    expect(b.size).toBe(a.size);
    expect(Array.from(b.samples)).toEqual(Array.from(a.samples));
    // 37 pushes into 30 slots leave the FIFO pointer at 7, where x went
    expect(Number.isNaN(b.samples[7 * 5])).toBe(true);
    expect(Object.is(b.samples[7 * 5 + 1], -0)).toBe(true);
    const ra = new Rng(46);
    const rb = new Rng(46);
    for (let k = 0; k < 3; k++) {
      const da = a.draw(12, ra);
      const db = b.draw(12, rb);
      expect(Array.from(db.x)).toEqual(Array.from(da.x));
      a.push(da.x, ra);
      b.push(db.x, rb);
    }
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    expect(() => ReplayBuffer.fromJSON({ ...JSON.parse(json), data: JSON.parse(json).data.slice(0, 8) })).toThrow(ChainError);
    expect(() => ReplayBuffer.fromJSON({ ...JSON.parse(json), format: 'x' })).toThrow(/not a replay buffer/);
  });

  it('rejects pushes that are not whole samples', () => {
    const buffer = new ReplayBuffer({ capacity: 4, dim: 64 });
    expect(() => buffer.push(new Float32Array(100))).toThrow(/100 values are not whole samples of 64/);
    expect(() => new ReplayBuffer({ capacity: 4, dim: 2, reinitProb: 1.5 })).toThrow(ChainError);
  });
});
