import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageOutputError } from './ImageOutputError.js';
import { createImage } from './ImageTensor.js';
import { readImage } from './readImage.js';
import { writePng } from './writePng.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writePng', () => {
  it('clamps out-of-range values and leaves no temp file', async () => {
    const im = createImage(3, 1, 1);
    im.data.set([-0.5, 0.5, 7]);
    await writePng(join(dir, 'clamped.png'), im);
    const back = await readImage(join(dir, 'clamped.png'));
    expect(Array.from(back.data, (v) => Math.round(v * 255))).toEqual([0, 128, 255]);
    expect(await readdir(dir)).toEqual(['clamped.png']);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'over.png');
    const a = createImage(5, 5, 3);
    await writePng(path, a);
    const b = createImage(7, 2, 1);
    b.data.fill(1);
    await writePng(path, b);
    const back = await readImage(path);
    expect([back.width, back.height, back.channels, back.data[0]]).toEqual([7, 2, 1, 1]);
  });

  it('fails with a typed one-line error for a missing folder', async () => {
    const path = join(dir, 'missing', 'out.png');
    const error = await writePng(path, createImage(2, 2, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageOutputError);
    expect((error as Error).message).toBe(
      `${path}: output folder ${join(dir, 'missing')} does not exist (create the folder or choose another --out)`,
    );
  });

  it('refuses NaN, naming the pixel, and leaves the previous file untouched', async () => {
    const path = join(dir, 'nan.png');
    await writePng(path, createImage(4, 4, 3));
    const before = await readFile(path);
    const bad = createImage(4, 4, 3);
    bad.data[16 + 2 * 4 + 1] = NaN; // channel 1, row 2, column 1
    await expect(writePng(path, bad)).rejects.toThrow(`${path}: pixel (1, 2) channel 1 is NaN (sampling diverged`);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
