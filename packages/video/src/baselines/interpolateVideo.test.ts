import { describe, expect, it } from 'vitest';
import { createVideo } from '../io/VideoTensor.js';
import { missingFramesMask } from '../masks/missingFramesMask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { squareOcclusion } from '../masks/squareOcclusion.js';
import { unionMask } from '../masks/VideoMask.js';
import { gridHarmonicFill } from './gridHarmonicFill.js';
import { interpolateVideo, spaceTimeHarmonicFill } from './interpolateVideo.js';

/** A clip whose values are affine in (t, y, x): every harmonic fill and linear interpolation reproduces it exactly. */
function affineClip(T: number, H: number, W: number) {
  const v = createVideo(2, T, H, W, 10);
  for (let c = 0; c < 2; c++) for (let t = 0; t < T; t++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    v.data[((c * T + t) * H + y) * W + x] = 0.1 + 0.02 * t + 0.01 * y + 0.005 * x + 0.1 * c;
  }
  return v;
}

function worstError(a: Float32Array, b: Float32Array): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
  return w;
}

describe('interpolateVideo (the baseline)', () => {
  it('reproduces an affine clip: linear in time for missing frames, harmonic in space for an interior square', () => {
    const clip = affineClip(12, 16, 20);
    const damaged = { ...clip, data: clip.data.map(() => 0.9) };
    const mask = unionMask(missingFramesMask(12, 16, 20, [3, 4, 5, 9]), squareOcclusion(12, 16, 20, 6));
    const observed = mask.data;
    for (let i = 0; i < clip.data.length; i++) if (!observed[i % observed.length]) damaged.data[i] = clip.data[i];
    const filled = interpolateVideo(damaged, mask);
    expect(worstError(filled.data, clip.data)).toBeLessThan(1e-5);
  });

  it('copies the nearest frame at the ends and leaves observed pixels untouched', () => {
    const clip = affineClip(6, 4, 5);
    const mask = missingFramesMask(6, 4, 5, [0, 5]);
    const filled = interpolateVideo(clip, mask);
    const plane = 20;
    for (let p = 0; p < plane; p++) {
      expect(filled.data[p]).toBeCloseTo(clip.data[plane + p], 6);
      expect(filled.data[5 * plane + p]).toBeCloseTo(clip.data[4 * plane + p], 6);
    }
    for (let t = 1; t < 5; t++) for (let p = 0; p < plane; p++) expect(filled.data[t * plane + p]).toBe(clip.data[t * plane + p]);
  });
});

describe('gridHarmonicFill', () => {
  it('solves the anisotropic Laplace equation: affine data exactly, and the discrete mean-value property', () => {
    const clip = affineClip(8, 10, 12);
    const mask = randomPixelMask(8, 10, 12, 0.6, 4);
    // The border stays observed: a zero-flux border is not affine's boundary condition.
    for (let t = 0; t < 8; t++) for (let y = 0; y < 10; y++) for (let x = 0; x < 12; x++) {
      if (t === 0 || t === 7 || y === 0 || y === 9 || x === 0 || x === 11) mask.data[(t * 10 + y) * 12 + x] = 0;
    }
    const filled = spaceTimeHarmonicFill(clip, mask, { time: 3, space: 1 });
    expect(worstError(filled.data, clip.data)).toBeLessThan(1e-5);
    // Random data: every missing interior value is the weighted mean of its 6 neighbours (weights 3, 1, 1).
    const values = Float32Array.from({ length: 8 * 10 * 12 }, (_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
    gridHarmonicFill(values, mask.data, [8, 10, 12], { time: 3, space: 1 });
    let worst = 0;
    for (let t = 1; t < 7; t++) for (let y = 1; y < 9; y++) for (let x = 1; x < 11; x++) {
      const i = (t * 10 + y) * 12 + x;
      if (!mask.data[i]) continue;
      const mean = (3 * (values[i - 120] + values[i + 120]) + values[i - 12] + values[i + 12] + values[i - 1] + values[i + 1]) / 10;
      worst = Math.max(worst, Math.abs(values[i] - mean));
    }
    expect(worst).toBeLessThan(1e-5);
  });
});
