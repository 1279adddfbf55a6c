import { describe, expect, it } from 'vitest';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { meanFill } from '../baselines/meanFill.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { generateTexture } from '../textures/generateTexture.js';
import { detailRatio } from './detailRatio.js';

describe('detailRatio', () => {
  const truth = generateTexture('brick', { size: 64, seed: 3 });
  const mask = centralSquareMask(64, 64);

  it('is 1 for the truth itself and near 0 for harmonic interpolation (zero Laplacian inside the hole)', () => {
    expect(detailRatio(truth, truth, mask)).toBeCloseTo(1, 12);
    // Inside the hole the harmonic fill solves Δx = 0; the ring next to the boundary is included too.
    expect(detailRatio(harmonicInpaint(truth, mask), truth, mask)).toBeLessThan(0.05);
  });

  it('is 0 for a flat fill away from the boundary and grows with added noise', () => {
    const flat = meanFill(truth, mask);
    expect(detailRatio(flat, truth, mask)).toBeLessThan(0.5);
    const noisy = { ...truth, data: truth.data.map((v, i) => v + (i % 2 ? 0.2 : -0.2)) };
    expect(detailRatio(noisy, truth, mask)).toBeGreaterThan(1.5);
  });

  it('is NaN for a flat original and refuses shapes that differ', () => {
    const flat = { ...truth, data: new Float32Array(truth.data.length).fill(0.5) };
    expect(detailRatio(truth, flat, mask)).toBeNaN();
    expect(() => detailRatio(truth, { ...truth, channels: 1, data: truth.data.subarray(0, 64 * 64) }, mask)).toThrow(/differ in shape/);
  });
});
