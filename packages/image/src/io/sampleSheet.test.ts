import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImage } from './ImageTensor.js';
import { readImage } from './readImage.js';
import { composeSampleSheet, writeSampleSheet } from './sampleSheet.js';

describe('sample sheet', () => {
  it('lays 5 images of 4x3 in 3 columns x 2 rows with a 2 px gap', () => {
    const images = [0, 1, 2, 3, 4].map((i) => {
      const im = createImage(4, 3, 1);
      im.data.fill(i / 10);
      return im;
    });
    const sheet = composeSampleSheet(images);
    expect([sheet.width, sheet.height, sheet.channels]).toEqual([3 * 4 + 4 * 2, 2 * 3 + 3 * 2, 1]);
    const at = (x: number, y: number) => sheet.data[y * sheet.width + x];
    expect(at(0, 0)).toBe(1); // border gap
    expect(at(2, 2)).toBeCloseTo(0); // first image's top-left
    expect(at(2 + 4 + 2, 2)).toBeCloseTo(0.1); // second image
    expect(at(2 + 4 + 2 - 1, 2)).toBe(1); // gap between them
    expect(at(2 + 4 + 2, 2 + 3 + 2)).toBeCloseTo(0.4); // row 2, column 2: image 4
    expect(at(2 + 2 * 6, 2 + 3 + 2)).toBe(1); // empty last cell stays background
  });

  it('promotes grey samples when mixed with colour and writes one PNG', async () => {
    const grey = createImage(2, 2, 1);
    grey.data.fill(0.5);
    const red = createImage(2, 2, 3);
    red.data.fill(1, 0, 4);
    const sheet = composeSampleSheet([grey, red], { gap: 1, columns: 1, background: 0 });
    expect([sheet.width, sheet.height, sheet.channels]).toEqual([4, 7, 3]);
    const dir = await mkdtemp(join(tmpdir(), 'ebm-image-sheet-'));
    try {
      await writeSampleSheet(join(dir, 'sheet.png'), [grey, red], { gap: 1, columns: 1, background: 0 });
      const back = await readImage(join(dir, 'sheet.png'));
      expect([back.width, back.height, back.channels]).toEqual([4, 7, 3]);
      const plane = 28;
      expect(back.data[2 * plane + 1 * 4 + 1]).toBeCloseTo(128 / 255, 6); // grey sample, blue channel
      expect(back.data[4 * 4 + 1]).toBe(1); // red sample, red channel
      expect(back.data[plane + 4 * 4 + 1]).toBe(0); // red sample, green channel
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
