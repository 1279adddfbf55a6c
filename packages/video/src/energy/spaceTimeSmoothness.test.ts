import { addSmoothReference, Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createVideo } from '../io/VideoTensor.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { smoothnessStiffness, spaceTimeReference } from './SpaceTimeSmoothness.js';
import { fitSmoothness } from './fitSmoothness.js';

describe('spaceTimeReference', () => {
  it("is core's Gaussian MRF with λ_t along time, λ_s within frames and the curvature along time: a ramp in time costs λ_t only", () => {
    const x = Float32Array.from({ length: 4 * 2 * 3 }, (_, i) => Math.floor(i / 6)); // [1, 4, 2, 3]: value = frame index
    const r = spaceTimeReference({ time: 2, space: 7, curvature: 5 });
    expect(r).toEqual({ axes: [2, 7, 7], curvature: [5, 0, 0] });
    const { energy } = addSmoothReference(x, { energy: new Float32Array(1), grad: new Float32Array(x.length) }, r, [1, 4, 2, 3]);
    expect(energy[0]).toBeCloseTo(0.5 * 2 * 3 * 6, 5); // 3 frame pairs × 6 pixels × d² = 1; a straight ramp has no curvature
    expect(smoothnessStiffness({ time: 2, space: 7, curvature: 5 })).toBe(4 * 2 + 8 * 7 + 16 * 5);
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
