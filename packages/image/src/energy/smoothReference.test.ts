import type { EnergyFn } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { fitSmoothness, fitSmoothnessPrecision } from './fitSmoothness.js';
import { symmetricEigen } from '@ebm/core';
import { addSmoothTerm, smoothnessScale, withSmoothReference } from './smoothReference.js';

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

  it('with a C×C precision P has the gradient of its energy (central differences in float64) and equals λI for P = λ·I', () => {
    const shape = [3, 4, 5];
    const n = 60;
    const x = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 1.3) * 0.7);
    // Symmetric positive definite with channel coupling.
    const P = [2, 0.5, -0.3, 0.5, 1.5, 0.2, -0.3, 0.2, 3];
    const fresh = (): { energy: Float32Array; grad: Float32Array } => ({ energy: new Float32Array(1), grad: new Float32Array(n) });
    const g = addSmoothTerm(x, fresh(), P, shape).grad;
    // Energy in float64 from the definition, independent of the implementation: ½ Σ_pairs dᵀPd.
    const e = (v: Float64Array): number => {
      let sum = 0;
      const [C, H, W] = shape;
      const pair = (p: number, q: number): void => {
        const d = Array.from({ length: C }, (_, c) => v[c * H * W + q] - v[c * H * W + p]);
        for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) sum += 0.5 * d[a] * P[a * C + b] * d[b];
      };
      for (let y = 0; y < H; y++) for (let x0 = 0; x0 < W; x0++) {
        if (x0 + 1 < W) pair(y * W + x0, y * W + x0 + 1);
        if (y + 1 < H) pair(y * W + x0, (y + 1) * W + x0);
      }
      return sum;
    };
    const x64 = Float64Array.from(x);
    expect(addSmoothTerm(x, fresh(), P, shape).energy[0]).toBeCloseTo(e(x64), 4);
    const h = 1e-4;
    for (let i = 0; i < n; i += 7) {
      const plus = Float64Array.from(x64);
      const minus = Float64Array.from(x64);
      plus[i] += h;
      minus[i] -= h;
      const numeric = (e(plus) - e(minus)) / (2 * h);
      expect(Math.abs(numeric - g[i]), `entry ${i}: analytic ${g[i]}, numeric ${numeric}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(g[i])));
    }
    const scalar = addSmoothTerm(x, fresh(), 2.5, shape);
    const matrix = addSmoothTerm(x, fresh(), [2.5, 0, 0, 0, 2.5, 0, 0, 0, 2.5], shape);
    expect(matrix.energy[0]).toBeCloseTo(scalar.energy[0], 4);
    for (let i = 0; i < n; i++) expect(matrix.grad[i]).toBeCloseTo(scalar.grad[i], 5);
    expect(smoothnessScale(P)).toBeCloseTo(3.5, 12); // largest absolute row sum (Gershgorin bound)
    expect(() => addSmoothTerm(x, fresh(), [1, 0, 0, 1], shape)).toThrow(/3×3/);
  });

  it('decomposes a symmetric matrix: V·diag(values)·Vᵀ rebuilds it and V is orthonormal', () => {
    const a = [4, 1, -2, 1, 2, 0.5, -2, 0.5, 3];
    const { values, vectors: v } = symmetricEigen(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < 3; k++) {
          rebuilt += v[i * 3 + k] * values[k] * v[j * 3 + k];
          gram += v[k * 3 + i] * v[k * 3 + j];
        }
        expect(rebuilt).toBeCloseTo(a[i * 3 + j], 10);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('fits a colour precision: a grey texture gets the cap along chroma and 1/(2·Var) along grey', () => {
    // A grey ramp texture stored as RGB: every difference d lies along (1, 1, 1).
    const im = createImage(8, 8, 3);
    for (let p = 0; p < 64; p++) for (let c = 0; c < 3; c++) im.data[c * 64 + p] = 0.3 + 0.05 * ((p * 7) % 5);
    const P = fitSmoothnessPrecision([im], { kind: 'symmetric' }, undefined, 500) as number[];
    expect(P).toHaveLength(9);
    const apply = (u: number[]): number[] => [0, 1, 2].map((a) => P[a * 3] * u[0] + P[a * 3 + 1] * u[1] + P[a * 3 + 2] * u[2]);
    const grey = [1, 1, 1].map((v) => v / Math.sqrt(3));
    const chroma = [1, -1, 0].map((v) => v / Math.sqrt(2));
    // Along grey the projected difference is √3·d, so its precision is the pooled scalar fit divided by 3.
    const lambdaGrey = fitSmoothness([im], { kind: 'symmetric' }, undefined, 500) / 3;
    apply(grey).forEach((v, a) => expect(v).toBeCloseTo(lambdaGrey * grey[a], 6));
    // Chroma never varies: it gets the cap, here the condition-number cap of 25 × the grey precision (< 500).
    expect(25 * lambdaGrey).toBeLessThan(500);
    apply(chroma).forEach((v, a) => expect(v).toBeCloseTo(25 * lambdaGrey * chroma[a], 6));
    // Grey images keep the scalar.
    const one = createImage(8, 8, 1);
    one.data.set(im.data.subarray(0, 64));
    expect(fitSmoothnessPrecision([one], { kind: 'symmetric' })).toBe(fitSmoothness([one], { kind: 'symmetric' }));
  });
});
