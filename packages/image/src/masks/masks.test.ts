import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { centralSquareMask } from './centralSquareMask.js';
import { countMissing, expandMask } from './Mask.js';
import { holeRadius } from './holeRadius.js';
import { randomPixelMask } from './randomPixelMask.js';
import { squareHole } from './squareHole.js';
import { TrainingHoles } from './trainingHoles.js';

describe('mask generators', () => {
  it('randomPixelMask removes exactly round(p·N) pixels, reproducibly per seed', () => {
    const a = randomPixelMask(64, 48, 0.5, 3);
    expect(countMissing(a)).toBe(1536);
    expect(countMissing(randomPixelMask(10, 10, 0.333, 1))).toBe(33);
    expect(Array.from(randomPixelMask(64, 48, 0.5, 3).data)).toEqual(Array.from(a.data));
    const b = randomPixelMask(64, 48, 0.5, 4);
    let same = 0;
    for (let i = 0; i < a.data.length; i++) same += a.data[i] === b.data[i] ? 1 : 0;
    // Two independent 50% masks agree on about half the pixels (3072 ± 3·sqrt(768)).
    expect(Math.abs(same - 1536)).toBeLessThan(85);
    expect(() => randomPixelMask(4, 4, 1.5)).toThrow(/not in \[0, 1\]/);
  });

  it('centralSquareMask cuts a centred hole of a quarter of the side', () => {
    const m = centralSquareMask(128, 128);
    expect(countMissing(m)).toBe(32 * 32);
    expect(m.data[48 * 128 + 48]).toBe(1);
    expect(m.data[79 * 128 + 79]).toBe(1);
    expect(m.data[47 * 128 + 48]).toBe(0);
    expect(m.data[80 * 128 + 79]).toBe(0);
    expect(countMissing(centralSquareMask(100, 60))).toBe(15 * 15);
  });

  it('expandMask repeats the mask over channels', () => {
    const m = centralSquareMask(4, 4, 2);
    const e = expandMask(m, 3);
    expect(e.length).toBe(48);
    expect(Array.from(e.subarray(32))).toEqual(Array.from(m.data));
  });
});

describe('holeRadius', () => {
  it('is 1 for scattered missing pixels, ⌈s/2⌉ for a square hole of side s, 0 and Infinity at the extremes', () => {
    expect(holeRadius(randomPixelMask(32, 32, 0.3, 1))).toBeLessThanOrEqual(2);
    expect(holeRadius(centralSquareMask(64, 64))).toBe(8);
    const none = { width: 4, height: 4, data: new Uint8Array(16) };
    expect(holeRadius(none)).toBe(0);
    expect(holeRadius({ ...none, data: new Uint8Array(16).fill(1) })).toBe(Infinity);
    // One missing pixel in the corner: its nearest observed pixel is one step away.
    const corner = { ...none, data: new Uint8Array(16) };
    corner.data[0] = 1;
    expect(holeRadius(corner)).toBe(1);
  });
});

describe('training holes', () => {
  it('squareHole marks exactly the square and refuses one that does not fit', () => {
    const m = squareHole(10, 8, 2, 3, 4);
    expect(countMissing(m)).toBe(16);
    expect([m.data[3 * 10 + 2], m.data[6 * 10 + 5], m.data[2 * 10 + 2], m.data[3 * 10 + 6]]).toEqual([1, 1, 0, 0]);
    expect(() => squareHole(10, 8, 8, 0, 4)).toThrow('hole of side 4 at (8, 0) does not fit in 10x8');
  });

  it('TrainingHoles puts a hole of a side in range inside a window inside the image, clear of missing pixels by the margin', () => {
    const missing = centralSquareMask(128, 128, 32); // rows and columns 48–79
    const holes = new TrainingHoles(128, 128, 64, 48, [16, 32], missing, 8);
    const rng = new Rng(4);
    const sides = new Set<number>();
    for (let k = 0; k < 300; k++) {
      const w = holes.draw(rng);
      sides.add(w.side);
      expect(w.side).toBeGreaterThanOrEqual(16);
      expect(w.side).toBeLessThanOrEqual(32);
      expect(w.left + 64).toBeLessThanOrEqual(128);
      expect(w.top + 48).toBeLessThanOrEqual(128);
      expect(w.holeLeft + w.side).toBeLessThanOrEqual(64);
      expect(w.holeTop + w.side).toBeLessThanOrEqual(48);
      // The hole grown by 8 px touches no missing pixel.
      const x0 = w.left + w.holeLeft - 8;
      const y0 = w.top + w.holeTop - 8;
      let touched = 0;
      for (let y = Math.max(0, y0); y < Math.min(128, y0 + w.side + 16); y++) {
        for (let x = Math.max(0, x0); x < Math.min(128, x0 + w.side + 16); x++) touched += missing.data[y * 128 + x];
      }
      expect(touched, `hole ${JSON.stringify(w)}`).toBe(0);
    }
    expect(sides.size).toBeGreaterThan(10);
    expect(() => new TrainingHoles(32, 32, 64, 64, [4, 8])).toThrow('window 64x64 does not fit in 32x32');
  });
});
