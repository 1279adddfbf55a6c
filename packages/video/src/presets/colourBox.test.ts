import { describe, expect, it } from 'vitest';
import { colourBox } from './colourBox.js';

describe('colourBox', () => {
  it('boxes every position of clips of any size (P not a multiple of the palette size), channel by channel', () => {
    // A grey palette of 5 colours (R = G = B from −0.5 to 0.5): its box is the grey line between those ends.
    const greys = [-0.5, -0.2, 0, 0.3, 0.5];
    const palette = [...greys, ...greys, ...greys];
    for (const P of [3, 7, 12]) {
      const box = colourBox(palette, 3, P);
      const N = 2;
      const x = Float32Array.from({ length: N * 3 * P }, (_, i) => Math.sin(i * 1.3) * 0.9);
      const before = x.slice();
      box.apply(x);
      for (let n = 0; n < N; n++) {
        for (let p = 0; p < P; p++) {
          const [r, g, b] = [0, 1, 2].map((c) => x[n * 3 * P + c * P + p]);
          const grey = [0, 1, 2].reduce((s, c) => s + before[n * 3 * P + c * P + p], 0) / 3;
          expect(Math.abs(r - g) + Math.abs(g - b), `P ${P} sample ${n} position ${p}`).toBeLessThan(1e-5);
          // The grey level is the projection onto the grey axis, clamped to the palette's range.
          expect(r).toBeCloseTo(Math.min(0.5, Math.max(-0.5, grey)), 5);
        }
      }
    }
  });

  it('leaves colours inside the box bit-identical', () => {
    const palette = [0, 1, 0, 1, 0, 0, 1, 1]; // two channels, four corners of the unit square
    const box = colourBox(palette, 2, 6);
    const x = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    const before = x.slice();
    box.apply(x);
    expect(Array.from(x)).toEqual(Array.from(before));
  });
});
