import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createVideo } from '../io/VideoTensor.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { addSpaceTimeSmoothness } from './SpaceTimeSmoothness.js';
import { fitSmoothness } from './fitSmoothness.js';

describe('addSpaceTimeSmoothness', () => {
  it('its gradient matches central finite differences of its energy (float64 sums of a quadratic)', () => {
    const shape = [2, 3, 4, 5];
    const D = 2 * 3 * 4 * 5;
    const x = Float32Array.from({ length: 2 * D }, (_, i) => Math.sin(i * 1.7) * 0.8);
    const s = { time: 3, space: 5, curvature: 2 };
    const energyAt = (v: Float32Array): Float64Array => Float64Array.from(addSpaceTimeSmoothness(v, { energy: new Float32Array(2), grad: new Float32Array(v.length) }, s, shape).energy);
    const { grad } = addSpaceTimeSmoothness(x, { energy: new Float32Array(2), grad: new Float32Array(x.length) }, s, shape);
    const h = 1e-2;
    for (const i of [0, 7, 33, D - 1, D + 20, 2 * D - 1]) {
      const up = x.slice();
      const down = x.slice();
      up[i] += h;
      down[i] -= h;
      const n = Math.floor(i / D);
      const fd = (energyAt(up)[n] - energyAt(down)[n]) / (2 * h);
      expect(Math.abs(fd - grad[i]), `entry ${i}: fd ${fd} vs ${grad[i]}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
    }
  });

  it('is ½Σλ_a d² on a known clip: a ramp in time only costs λ_t', () => {
    const x = Float32Array.from({ length: 4 * 2 * 3 }, (_, i) => Math.floor(i / 6)); // [1, 4, 2, 3]: value = frame index
    const { energy } = addSpaceTimeSmoothness(x, { energy: new Float32Array(1), grad: new Float32Array(x.length) }, { time: 2, space: 7 }, [1, 4, 2, 3]);
    expect(energy[0]).toBeCloseTo(0.5 * 2 * 3 * 6, 5); // 3 frame pairs × 6 pixels × d² = 1
  });
});

describe('fitSmoothness', () => {
  it('recovers the precisions of Gaussian increments, λ = 1/(2·Var d), per axis, from observed pairs only', () => {
    // One random walk along t per column x (step std 0.02 in [0, 1] units), the same in every row y; plus a gentle
    // ramp 0.005·x. In network units (×2) the temporal differences have Var (0.04)² → λ_t = 1/(2·0.0016) ≈ 312.
    const v = createVideo(1, 16, 16, 16, 10);
    const rng = new Rng(7);
    const walk = new Float64Array(16).fill(0.5);
    for (let t = 0; t < 16; t++) {
      if (t > 0) for (let x = 0; x < 16; x++) walk[x] += 0.02 * rng.normal();
      for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) v.data[(t * 16 + y) * 16 + x] = walk[x] + 0.005 * x;
    }
    const s = fitSmoothness([v], randomPixelMask(16, 16, 16, 0.3, 1));
    // Var of network-unit temporal differences = (2·0.02)² → λ_t = 1/(2·0.0016) ≈ 312.
    expect(s.time / 312.5).toBeGreaterThan(0.8);
    expect(s.time / 312.5).toBeLessThan(1.25);
    // Within frames the walk differs between columns (0.02·√t) and not at all between rows: stiffer than in time.
    expect(s.space).toBeGreaterThan(s.time);
  });
});
