import { describe, expect, it } from 'vitest';
import { centralSquareMask } from './centralSquareMask.js';
import { countMissing, expandMask } from './Mask.js';
import { holeRadius } from './holeRadius.js';
import { randomPixelMask } from './randomPixelMask.js';

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
