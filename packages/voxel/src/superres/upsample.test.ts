import { describe, expect, it } from 'vitest';
import { downsample, upsample } from './upsample.js';

describe('upsampling baselines', () => {
  it('nearest repeats each voxel s³ times; block averages give the coarse grid back', () => {
    const coarse = { shape: [1, 2, 2, 2] as [number, number, number, number], data: Float32Array.from([0, 1, 0.25, 0.5, 1, 0, 0.75, 0]) };
    const fine = upsample(coarse, 2, 'nearest');
    expect(fine.shape).toEqual([1, 4, 4, 4]);
    expect(fine.data[(1 * 4 + 3) * 4 + 2]).toBe(coarse.data[(0 * 2 + 1) * 2 + 1]);
    expect(Array.from(downsample(fine, 2).data)).toEqual(Array.from(coarse.data));
  });

  it('trilinear reproduces a linear field away from the edges (PyTorch align_corners=False sampling)', () => {
    const n = 4;
    const coarse = { shape: [1, n, n, n] as [number, number, number, number], data: new Float32Array(n ** 3) };
    for (let d = 0; d < n; d++) for (let h = 0; h < n; h++) for (let w = 0; w < n; w++) coarse.data[(d * n + h) * n + w] = 0.1 * d + 0.05 * h + 0.02 * w;
    const fine = upsample(coarse, 2, 'trilinear');
    // Fine voxel f sits at coarse coordinate (f + ½)/2 − ½.
    for (const [d, h, w] of [[2, 3, 4], [3, 3, 3], [5, 2, 4]]) {
      const c = (f: number) => (f + 0.5) / 2 - 0.5;
      expect(fine.data[(d * 8 + h) * 8 + w]).toBeCloseTo(0.1 * c(d) + 0.05 * c(h) + 0.02 * c(w), 6);
    }
  });
});
