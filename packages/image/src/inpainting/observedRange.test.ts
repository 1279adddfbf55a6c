import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { normaliseImage } from '../io/Normalisation.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { generateTexture } from '../textures/generateTexture.js';
import { observedRange } from './observedRange.js';

const symmetric = { kind: 'symmetric' } as const;

describe('observedRange', () => {
  it('leaves the observed colours as they are and turns a saturated green in a grey image to grey', () => {
    // A grey ramp stored as RGB, with a hole in the middle.
    const image = createImage(16, 16, 3);
    for (let p = 0; p < 256; p++) for (let c = 0; c < 3; c++) image.data[c * 256 + p] = 0.2 + 0.6 * ((p % 16) / 15);
    const mask = centralSquareMask(16, 16);
    const constraint = observedRange(image, mask, symmetric);
    const state = normaliseImage(symmetric, image);
    const before = Float32Array.from(state);
    constraint.apply(state);
    for (let i = 0; i < state.length; i++) expect(state[i]).toBeCloseTo(before[i], 5);
    // Pure green (network units: R = −1, G = 1, B = −1) at a hole pixel.
    const p = 8 * 16 + 8;
    state[p] = -1;
    state[256 + p] = 1;
    state[512 + p] = -1;
    constraint.apply(state);
    const [r, g, b] = [state[p], state[256 + p], state[512 + p]];
    expect(Math.abs(r - g)).toBeLessThan(1e-4);
    expect(Math.abs(g - b)).toBeLessThan(1e-4);
    // Its grey level is the projection of green on the grey axis: (−1 + 1 − 1)/3.
    expect(r).toBeCloseTo(-1 / 3, 4);
  });

  it('keeps a brick wall\'s reds and greys: every observed pixel is inside, a blue one is not', () => {
    const image = generateTexture('brick', { size: 32, seed: 2 });
    const mask = centralSquareMask(32, 32);
    const constraint = observedRange(image, mask, symmetric);
    const state = normaliseImage(symmetric, image);
    const before = Float32Array.from(state);
    constraint.apply(state);
    for (let q = 0; q < 1024; q++) {
      if (mask.data[q]) continue;
      for (let c = 0; c < 3; c++) expect(state[c * 1024 + q]).toBeCloseTo(before[c * 1024 + q], 4);
    }
    const q = 16 * 32 + 16;
    state[q] = -1;
    state[1024 + q] = -1;
    state[2048 + q] = 1;
    constraint.apply(state);
    // Blue is pulled back toward the wall's colours: blue no longer dominates red.
    expect(state[2048 + q] - state[q]).toBeLessThan(0.5);
  });

  it('clamps a grey image to its observed range', () => {
    const image = createImage(4, 4, 1);
    for (let p = 0; p < 16; p++) image.data[p] = 0.25 + (p % 4) * 0.1; // 0.25 … 0.55
    const mask = { width: 4, height: 4, data: new Uint8Array(16) };
    const constraint = observedRange(image, mask, symmetric);
    const state = Float32Array.from([1, -1, 0, ...normaliseImage(symmetric, image).subarray(3)]);
    constraint.apply(state);
    expect(state[0]).toBeCloseTo(2 * 0.55 - 1, 5);
    expect(state[1]).toBeCloseTo(2 * 0.25 - 1, 5);
    expect(state[2]).toBeCloseTo(0, 5);
  });
});
