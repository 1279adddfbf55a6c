import { describe, expect, it } from 'vitest';
import { countMissing } from '../masks/Mask.js';
import { qualityMask } from './measureInpainting.js';
import { qualityTextures } from './qualityTextures.js';

describe('quality inputs', () => {
  it('cut each generated texture into a top-left training crop and a bottom-right test crop', async () => {
    const [brick] = await qualityTextures(['brick'], '.', [], 16);
    expect([brick.name, brick.source, brick.train.width, brick.test.height]).toEqual(['brick', 'generated', 16, 16]);
    expect(Array.from(brick.train.data)).not.toEqual(Array.from(brick.test.data));
  });

  it('use a 50 % random mask and a central hole of a quarter of the side', () => {
    expect(countMissing(qualityMask('random50', 64))).toBe(2048);
    const hole = qualityMask('square', 64);
    expect(countMissing(hole)).toBe(256);
    expect(hole.data[24 * 64 + 24]).toBe(1);
    expect(hole.data[23 * 64 + 24]).toBe(0);
  });
});
