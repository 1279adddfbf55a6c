import { describe, expect, it } from 'vitest';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { meanFill } from '../baselines/meanFill.js';
import { cloneImage } from '../io/ImageTensor.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { countMissing } from '../masks/Mask.js';
import { dilateMask } from '../masks/dilateMask.js';
import { generateTexture } from '../textures/generateTexture.js';
import { DETAIL_WINDOW_MARGIN, detailRatio } from './detailRatio.js';

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

  it('with a margin counts the ring around the hole: harmonic scores about √(ring share), a seam scores high', () => {
    const big = generateTexture('marble', { size: 128, seed: 2 });
    const hole = centralSquareMask(128, 128, 32);
    // Ring of a 36×36 window around a 32×32 hole: 272 of 1296 pixels; harmonic has detail only there.
    const harmonic = detailRatio(harmonicInpaint(big, hole), big, hole, DETAIL_WINDOW_MARGIN);
    expect(harmonic).toBeGreaterThan(0.3);
    expect(harmonic).toBeLessThan(0.7);
    // A smooth texture whose hole content is shifted up by 0.1: no new detail inside, a step at the border.
    const cloud = generateTexture('cloud', { size: 128, seed: 2 });
    const seam = cloneImage(cloud);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 128 * 128; p++) if (hole.data[p]) seam.data[c * 128 * 128 + p] += 0.1;
    expect(detailRatio(seam, cloud, hole, DETAIL_WINDOW_MARGIN)).toBeGreaterThan(2);
    expect(detailRatio(seam, cloud, hole, DETAIL_WINDOW_MARGIN)).toBeGreaterThan(detailRatio(seam, cloud, hole));
  });

  it('is NaN for a flat original and refuses shapes that differ', () => {
    const flat = { ...truth, data: new Float32Array(truth.data.length).fill(0.5) };
    expect(detailRatio(truth, flat, mask)).toBeNaN();
    expect(() => detailRatio(truth, { ...truth, channels: 1, data: truth.data.subarray(0, 64 * 64) }, mask)).toThrow(/differ in shape/);
  });
});

describe('dilateMask', () => {
  it('grows a square hole by the margin on every side and clips at the image border', () => {
    expect(countMissing(dilateMask(centralSquareMask(64, 64, 16), 2))).toBe(20 * 20);
    const corner = { data: new Uint8Array(10 * 10), width: 10, height: 10 };
    corner.data[0] = 1;
    expect(countMissing(dilateMask(corner, 3))).toBe(16);
    expect(Array.from(dilateMask(corner, 0).data)).toEqual(Array.from(corner.data));
    expect(() => dilateMask(corner, -1)).toThrow(/not a whole number/);
  });
});
