import { describe, expect, it } from 'vitest';
import { FrameListError } from './FrameListError.js';
import { holeRadius } from './holeRadius.js';
import { missingFramesMask } from './missingFramesMask.js';
import { parseFrameList } from './parseFrameList.js';
import { randomPixelMask } from './randomPixelMask.js';
import { squareOcclusion } from './squareOcclusion.js';
import { countMissing, fullyMissingFrames } from './VideoMask.js';

describe('parseFrameList', () => {
  it('reads 1-based numbers and ranges into sorted 0-based frames', () => {
    expect(parseFrameList('4,9-12', 24)).toEqual([3, 8, 9, 10, 11]);
    expect(parseFrameList(' 12, 3 ,3-4', 24)).toEqual([2, 3, 11]);
    expect(parseFrameList('24', 24)).toEqual([23]);
  });

  it('names the bad item and the form for malformed or out-of-range lists', () => {
    const cases: Array<[string, RegExp]> = [
      ['3-', /'3-' is not a frame number or range; use 1-based frame numbers and ranges such as 4,9-12/],
      ['0', /frame 0 does not exist \(numbers start at 1\)/],
      ['a', /'a' is not a frame number or range/],
      ['5-2', /range '5-2' runs backwards; write it as 2-5/],
      ['20-30', /frame 30 is past the last frame \(the clip has 24\)/],
      ['', /is empty/],
    ];
    for (const [list, message] of cases) {
      expect(() => parseFrameList(list, 24), list).toThrow(FrameListError);
      expect(() => parseFrameList(list, 24), list).toThrow(message);
    }
  });
});

describe('masks', () => {
  it('random, square and missing-frame masks mark what they say', () => {
    const random = randomPixelMask(24, 48, 64, 0.5, 3);
    expect(Math.abs(countMissing(random) / random.data.length - 0.5)).toBeLessThan(0.01);
    const square = squareOcclusion(24, 48, 64, 16);
    expect(countMissing(square)).toBe(24 * 16 * 16);
    expect(square.data[(5 * 48 + 24) * 64 + 32]).toBe(1); // centre of frame 6
    expect(square.data[(5 * 48 + 24) * 64 + 10]).toBe(0);
    const frames = missingFramesMask(24, 48, 64, [9, 10, 11, 12, 13, 14]);
    expect(fullyMissingFrames(frames)).toEqual([9, 10, 11, 12, 13, 14]);
  });

  it('holeRadius: within-frame distance to an observed pixel, whole missing frames left out', () => {
    expect(holeRadius(squareOcclusion(2, 48, 64, 16))).toBe(8);
    expect(holeRadius(missingFramesMask(24, 48, 64, [9, 10]))).toBe(0);
    const r = holeRadius(randomPixelMask(24, 48, 64, 0.5, 3));
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThanOrEqual(4);
  });
});
