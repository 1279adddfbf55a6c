import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryDigits } from './binaryDigits.js';
import { encodeGreyPng, readGreyImage } from './greyImageFiles.js';

/**
 * Image files through sharp: the grey levels of PNGs of every kind the old hand-written decoder refused (16-bit, palette,
 * interlaced, RGBA) and of JPEGs, and a folder of mixed formats read as RBM data.
 */

let dir: string;
/** A 7×5 ramp with a bright pixel: grey levels in [0, 1]. */
const W = 7;
const H = 5;
const ramp = new Float32Array(W * H).map((_, i) => (i % W) / (W - 1));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-grey-images-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('grey image files', () => {
  it('reads 8-bit, 16-bit, palette, interlaced and RGBA PNGs and JPEGs to the grey levels written', async () => {
    const png8 = await encodeGreyPng({ width: W, height: H, data: ramp });
    const grey16 = Uint16Array.from(ramp, (p) => Math.round(p * 65535));
    const rgba = Buffer.alloc(W * H * 4);
    ramp.forEach((p, i) => rgba.set([Math.round(255 * p), Math.round(255 * p), Math.round(255 * p), 255], 4 * i));
    const files: Record<string, Buffer | Uint8Array> = {
      'grey8.png': png8,
      'grey16.png': await sharp(grey16, { raw: { width: W, height: H, channels: 1 } }).toColourspace('grey16').png().toBuffer(),
      'palette.png': await sharp(rgba, { raw: { width: W, height: H, channels: 4 } }).png({ palette: true, colours: 16, dither: 0 }).toBuffer(),
      'interlaced.png': await sharp(png8).png({ progressive: true }).toBuffer(),
      'rgba.png': await sharp(rgba, { raw: { width: W, height: H, channels: 4 } }).png().toBuffer(),
      'q95.jpg': await sharp(png8).jpeg({ quality: 95 }).toBuffer(),
    };
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(join(dir, name), bytes);
      const im = await readGreyImage(join(dir, name));
      expect([im.width, im.height], name).toEqual([W, H]);
      let worst = 0;
      for (let i = 0; i < ramp.length; i++) worst = Math.max(worst, Math.abs(im.data[i] - ramp[i]));
      // Exact formats within rounding to 8 bits (16 palette colours for the ramp's 7 levels); JPEG within its loss.
      expect(worst, name).toBeLessThan(name.endsWith('.jpg') ? 0.06 : 0.5 / 255 + 1e-6);
    }
  });

  it('a folder of PNGs and JPEGs is binarised at 0.5 as RBM data; a non-image says which file', async () => {
    const folder = join(dir, 'bars');
    await rm(folder, { recursive: true, force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder);
    const bar = (col: number) => new Float32Array(16).map((_, i) => (i % 4 === col ? 0.9 : 0.1));
    for (let k = 0; k < 4; k++) {
      const png = await encodeGreyPng({ width: 4, height: 4, data: bar(k) });
      await writeFile(join(folder, `${k}.png`), png);
      await sharp(png).jpeg({ quality: 90 }).toFile(join(folder, `${k}.jpeg`));
    }
    await writeFile(join(folder, 'notes.txt'), 'not an image, skipped by its name');
    const { train, test } = await binaryDigits(folder);
    expect(train.count + test.count).toBe(8);
    const all = [train, test].flatMap((d) => Array.from({ length: d.count }, (_, n) => Array.from(d.v.subarray(16 * n, 16 * n + 16))));
    // Every image is exactly one of the four binary column bars.
    for (const v of all) expect([0, 1, 2, 3].some((c) => v.every((p, i) => p === (i % 4 === c ? 1 : 0)))).toBe(true);
    await writeFile(join(folder, 'broken.png'), 'PNG? no');
    await expect(binaryDigits(folder)).rejects.toThrow(`${join(folder, 'broken.png')}: not a readable image; use a PNG, JPEG`);
  });
});
