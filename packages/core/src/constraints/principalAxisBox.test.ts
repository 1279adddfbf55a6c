import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { principalAxisBox } from './principalAxisBox.js';

/** [3, S] channel-major values of S positions. */
function channels(rgb: readonly (readonly number[])[]): Float32Array {
  const S = rgb.length;
  const out = new Float32Array(3 * S);
  rgb.forEach((v, p) => v.forEach((x, c) => (out[c * S + p] = x)));
  return out;
}

describe('principalAxisBox', () => {
  it('leaves observed vectors as they are and turns a saturated green among greys into the grey of its projection', () => {
    // Greys from −0.6 to 0.6 at 12 observed positions, position 12 missing.
    const greys = Array.from({ length: 12 }, (_, p) => [-0.6 + 0.1 * p, -0.6 + 0.1 * p, -0.6 + 0.1 * p]);
    const values = channels([...greys, [0, 0, 0]]);
    const observed = Uint8Array.from({ length: 13 }, (_, p) => (p < 12 ? 1 : 0));
    const box = principalAxisBox(values, observed, 3);
    const state = Float32Array.from(values);
    state[12] = -1; // R
    state[25] = 1; // G
    state[38] = -1; // B
    const before = Float32Array.from(state);
    box.apply(state);
    for (let p = 0; p < 12; p++) for (let c = 0; c < 3; c++) expect(state[c * 13 + p]).toBeCloseTo(before[c * 13 + p], 5);
    const [r, g, b] = [state[12], state[25], state[38]];
    expect(Math.abs(r - g)).toBeLessThan(1e-4);
    expect(Math.abs(g - b)).toBeLessThan(1e-4);
    expect(r).toBeCloseTo(-1 / 3, 4); // the projection of (−1, 1, −1) on the grey axis
  });

  it('keeps a blue-green palette along its own axes: its colours stay, a red one is pulled back, over every sample', () => {
    // Water-like colours: blue-green with brightness and a little chroma spread (correlated channels).
    const rng = new Rng(4);
    const S = 200;
    const palette = Array.from({ length: S }, () => {
      const l = rng.normal() * 0.3;
      const chroma = rng.normal() * 0.05;
      return [-0.6 + 0.6 * l - chroma, -0.1 + 0.9 * l + chroma, 0.1 + l];
    });
    const values = channels(palette);
    const observed = new Uint8Array(S).fill(1);
    observed[0] = 0;
    const box = principalAxisBox(values, observed, 3);
    const two = new Float32Array(2 * 3 * S);
    two.set(values, 0);
    two.set(values, 3 * S);
    // Red in the missing position of the second sample.
    two[3 * S + 0] = 0.9;
    two[3 * S + S] = -0.8;
    two[3 * S + 2 * S] = -0.8;
    box.apply(two);
    for (let p = 1; p < S; p++) for (let c = 0; c < 3; c++) expect(two[3 * S + c * S + p]).toBe(values[c * S + p]);
    // Red no longer dominates: the pixel's red is below its blue again, as everywhere in the palette.
    expect(two[3 * S] - two[3 * S + 2 * S]).toBeLessThan(0);
  });

  it('is a clamp to the observed range for one channel, and refuses shapes that do not fit', () => {
    const values = Float32Array.from([-0.5, -0.2, 0.1, 0.4]);
    const box = principalAxisBox(values, [1, 1, 1, 1], 1);
    const state = Float32Array.from([1, -1, 0, 0.3]);
    box.apply(state);
    expect(Array.from(state)).toEqual([expect.closeTo(0.4, 6), expect.closeTo(-0.5, 6), 0, expect.closeTo(0.3, 6)]);
    expect(() => principalAxisBox(values, [1, 1, 1], 1)).toThrow(/4 values are not 1 channel\(s\) of 3 positions/);
    expect(() => principalAxisBox(values, [0, 0, 0, 0], 1)).toThrow(/no position is observed/);
    expect(() => box.apply(new Float32Array(6))).toThrow(/not whole samples of 4/);
  });
});
