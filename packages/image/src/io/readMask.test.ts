import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { createImage } from './ImageTensor.js';
import { ImageInputError } from './ImageInputError.js';
import { MaskSizeError } from './MaskSizeError.js';
import { readMask } from './readMask.js';
import { writeMaskPng } from './writeMaskPng.js';
import { writePng } from './writePng.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-mask-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readMask', () => {
  it('marks grey ≥ 128 as missing and < 128 as observed', async () => {
    const im = createImage(4, 1, 1);
    im.data.set([127 / 255, 128 / 255, 0, 1]);
    await writePng(join(dir, 'levels.png'), im);
    const mask = await readMask(join(dir, 'levels.png'), { width: 4, height: 1 });
    expect(Array.from(mask.data)).toEqual([0, 1, 0, 1]);
  });

  it('reads back what writeMaskPng wrote', async () => {
    const mask = centralSquareMask(12, 8);
    await writeMaskPng(join(dir, 'square.png'), mask);
    const back = await readMask(join(dir, 'square.png'), { width: 12, height: 8 });
    expect(Array.from(back.data)).toEqual(Array.from(mask.data));
  });

  it('throws MaskSizeError with the size message, or resizes by nearest neighbour when asked', async () => {
    const path = join(dir, 'small.png');
    await writeMaskPng(path, centralSquareMask(64, 64, 32));
    const error = await readMask(path, { width: 128, height: 128 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaskSizeError);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as Error).message).toBe(
      `${path}: Mask size 64x64 does not match image 128x128 (resize the mask or pass --mask-resize)`,
    );
    const resized = await readMask(path, { width: 128, height: 128 }, { resize: true });
    expect(Array.from(resized.data)).toEqual(Array.from(centralSquareMask(128, 128, 64).data));
  });
});
