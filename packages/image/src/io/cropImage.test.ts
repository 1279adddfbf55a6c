import { describe, expect, it } from 'vitest';
import { cropImage } from './cropImage.js';
import { createImage } from './ImageTensor.js';

describe('cropImage', () => {
  it('copies a rectangle of every channel and refuses one that does not fit', () => {
    const im = createImage(5, 4, 3);
    for (let i = 0; i < im.data.length; i++) im.data[i] = i;
    const c = cropImage(im, 1, 2, 3, 2);
    // Channel 1, row 3, column 3 of the source: 20 + 3·5 + 3 = 38; it is row 1, column 2 of the crop.
    expect([c.width, c.height, c.channels]).toEqual([3, 2, 3]);
    expect(c.data[6 + 1 * 3 + 2]).toBe(38);
    expect(Array.from(c.data.subarray(0, 3))).toEqual([11, 12, 13]);
    expect(() => cropImage(im, 3, 0, 3, 2)).toThrow('crop 3x2 at (3, 0) does not fit in 5x4');
  });
});
