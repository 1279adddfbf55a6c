import type { EnergyFn } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { fitSmoothness } from './fitSmoothness.js';
import { addSmoothTerm, withSmoothReference } from './smoothReference.js';

const zero: EnergyFn = async (x) => ({ energy: new Float32Array(x.length / 12), grad: new Float32Array(x.length) });

describe('smooth (Gaussian MRF) reference', () => {
  it('gives (λ/2)·Σ(x_p − x_q)² per sample: a 2×3 ramp 0, 1, 2 per row has 4 horizontal steps of 1 and 3 vertical of 0', async () => {
    const lambda = 3;
    const ramp = Float32Array.from([0, 1, 2, 0, 1, 2]);
    const x = new Float32Array(24); // 2 samples of [2, 2, 3]
    x.set(ramp, 0);
    x.set(ramp, 6); // second channel of sample 0
    const out = await withSmoothReference(zero, lambda, [2, 2, 3])(x);
    expect(Array.from(out.energy)).toEqual([(lambda / 2) * 8, 0]);
    // ∂E/∂x = λ·(L x): for the ramp, the end columns get ∓λ and the middle 0.
    expect(Array.from(out.grad.subarray(0, 6))).toEqual([-3, 0, 3, -3, 0, 3]);
  });

  it('has the gradient of its energy (central differences in float64 over a random 3×4×5 field)', () => {
    const shape = [3, 4, 5];
    const n = 60;
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 0.8);
    const lambda = 2.5;
    const g = addSmoothTerm(x, { energy: new Float32Array(1), grad: new Float32Array(n) }, lambda, shape).grad;
    const e = (v: Float32Array): number => addSmoothTerm(v, { energy: new Float32Array(1), grad: new Float32Array(n) }, lambda, shape).energy[0];
    const h = 1e-2;
    for (const i of [0, 4, 7, 19, 20, 33, 59]) {
      const plus = Float32Array.from(x);
      const minus = Float32Array.from(x);
      plus[i] += h;
      minus[i] -= h;
      // E is quadratic, so the central difference is exact up to float32 rounding of x ± h.
      const numeric = (e(plus) - e(minus)) / (2 * h);
      expect(Math.abs(numeric - g[i]), `entry ${i}: analytic ${g[i]}, numeric ${numeric}`).toBeLessThan(2e-3 * Math.max(1, Math.abs(g[i])));
    }
  });

  it('fits λ = 0.4549 / (2·median d²) from neighbour differences, leaving out pairs with a missing pixel', () => {
    // Vertical stripes: columns alternate 0.4 / 0.6 (network ±0.2, d = 0.4 horizontally, 0 vertically).
    const im = createImage(6, 6, 1);
    for (let p = 0; p < 36; p++) im.data[p] = p % 2 ? 0.6 : 0.4;
    // 30 horizontal pairs of d² = 0.16 and 30 vertical of 0: the median (index 30) is 0.16.
    expect(fitSmoothness([im], { kind: 'symmetric' })).toBeCloseTo(0.4549 / (2 * 0.16), 4);
    // Hide every other row: only horizontal pairs of the kept rows remain, still all d² = 0.16.
    const mask = { width: 6, height: 6, data: new Uint8Array(36) };
    for (let y = 1; y < 6; y += 2) mask.data.fill(1, y * 6, y * 6 + 6);
    expect(fitSmoothness([im], { kind: 'symmetric' }, mask)).toBeCloseTo(0.4549 / (2 * 0.16), 4);
    const flat = createImage(4, 4, 3);
    expect(fitSmoothness([flat], { kind: 'symmetric' })).toBe(1e4); // a flat image gets the cap, not Infinity
  });
});
