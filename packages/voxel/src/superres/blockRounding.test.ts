import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { blockRounding } from './blockRounding.js';
import { downsample, upsample } from './upsample.js';

describe('block rounding of a super-resolved grid', () => {
  const R = 8;
  const rng = new Rng(4);
  const truth = { shape: [2, R, R, R] as [number, number, number, number], data: Float32Array.from({ length: 2 * R ** 3 }, () => (rng.uniform() < 0.4 ? 1 : 0)) };
  const coarse = downsample(truth, 2);

  it('gives back a 0/1 grid exactly when the model rates the true cells highest in every block', () => {
    const rated = truth.data.map((v) => 0.3 + 0.4 * v + 0.05 * rng.uniform());
    blockRounding(rated, coarse.data, R, 2);
    expect(Array.from(rated)).toEqual(Array.from(truth.data));
  });

  it('keeps every block average and makes 0/1 grids with the coarse count of filled cells per block', () => {
    const fine = upsample(coarse, 2, 'trilinear').data;
    blockRounding(fine, coarse.data, R, 2);
    expect(fine.every((v) => v === 0 || v === 1)).toBe(true);
    const back = downsample({ shape: truth.shape, data: fine }, 2).data;
    for (let i = 0; i < back.length; i++) expect(back[i], `block ${i}`).toBeCloseTo(coarse.data[i], 6);
    // A coarse value that is no multiple of 1/8: one cell takes the remainder, the average still holds.
    const soft = new Float32Array(8).fill(0.5);
    blockRounding(soft, Float32Array.of(0.3), 2, 2);
    expect(soft.reduce((s, v) => s + v, 0) / 8).toBeCloseTo(0.3, 6);
    expect(soft.filter((v) => v > 0 && v < 1)).toHaveLength(1);
  });
});
