import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetricEigen.js';

describe('symmetricEigen', () => {
  it('reconstructs a symmetric matrix as V·diag(λ)·Vᵀ with orthonormal V, and finds known eigenvalues', () => {
    const a = [4, 1, -2, 1, 2, 0, -2, 0, 3];
    const { values, vectors: v } = symmetricEigen(a, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let rec = 0;
        let dot = 0;
        for (let k = 0; k < 3; k++) {
          rec += v[i * 3 + k] * values[k] * v[j * 3 + k];
          dot += v[k * 3 + i] * v[k * 3 + j];
        }
        expect(rec, `entry (${i}, ${j})`).toBeCloseTo(a[i * 3 + j], 10);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    // diag(1, 2, 3) rotated is still 1, 2, 3; the trace and determinant of `a` are kept.
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(9, 10);
    expect(values.reduce((s, x) => s * x, 1)).toBeCloseTo(4 * 6 - 1 * 3 + -2 * 4, 10);
    expect(symmetricEigen([2, 1, 1, 2], 2).values.sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/3 entries for a 2×2 matrix/);
  });
});
