import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageInputError } from './ImageInputError.js';
import { createImage } from './ImageTensor.js';
import { readImage } from './readImage.js';
import { writePng } from './writePng.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A deterministic test image with a different ramp per channel. */
function ramps(width: number, height: number, channels: 1 | 3) {
  const im = createImage(width, height, channels);
  const plane = width * height;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) im.data[c * plane + y * width + x] = ((x * (c + 1) + 3 * y) % 97) / 96;
    }
  }
  return im;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('readImage / writePng round trip', () => {
  it('returns an RGB image within 1/255 of what was written', async () => {
    const image = ramps(37, 23, 3);
    const path = join(dir, 'rgb.png');
    await writePng(path, image);
    const back = await readImage(path);
    expect([back.channels, back.width, back.height]).toEqual([3, 37, 23]);
    expect(maxDifference(back.data, image.data)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('keeps a grey image at 1 channel and a colour one at 3', async () => {
    const grey = ramps(16, 9, 1);
    await writePng(join(dir, 'grey.png'), grey);
    const back = await readImage(join(dir, 'grey.png'));
    expect(back.channels).toBe(1);
    expect(back.data.length).toBe(16 * 9);
    expect(maxDifference(back.data, grey.data)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    expect((await readImage(join(dir, 'rgb.png'))).channels).toBe(3);
    await sharp(join(dir, 'grey.png')).toColourspace('b-w').jpeg({ quality: 95 }).toFile(join(dir, 'grey.jpg'));
    expect((await sharp(join(dir, 'grey.jpg')).metadata()).channels).toBe(1);
    expect((await readImage(join(dir, 'grey.jpg'))).channels).toBe(1);
  });

  it('forces channels on request: grey → RGB repeats the plane, RGB → grey is Rec. 601 luma', async () => {
    const rgb = await readImage(join(dir, 'grey.png'), { channels: 3 });
    expect(rgb.channels).toBe(3);
    expect(maxDifference(rgb.data.subarray(0, 144), rgb.data.subarray(288, 432))).toBe(0);
    const solid = await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
    await writeFile(join(dir, 'red.png'), solid);
    const grey = await readImage(join(dir, 'red.png'), { channels: 1 });
    expect(grey.channels).toBe(1);
    // libvips b-w uses sRGB → linear → Y → sRGB, so pure red is not exactly 0.299; it lies between 0.2 and 0.65.
    expect(grey.data[0]).toBeGreaterThan(0.2);
    expect(grey.data[0]).toBeLessThan(0.65);
  });

  it('drops alpha from RGBA and expands a palette PNG to RGB', async () => {
    const rgba = Buffer.alloc(8 * 8 * 4);
    for (let p = 0; p < 64; p++) rgba.set([p * 4, 255 - p * 4, 100, p % 2 ? 0 : 255], p * 4);
    await sharp(rgba, { raw: { width: 8, height: 8, channels: 4 } }).png().toFile(join(dir, 'rgba.png'));
    const a = await readImage(join(dir, 'rgba.png'));
    expect(a.channels).toBe(3);
    expect(a.data[1]).toBeCloseTo(4 / 255, 6); // red of pixel 1 although its alpha is 0
    expect(a.data[64 + 1]).toBeCloseTo(251 / 255, 6);

    const rgb = Buffer.alloc(8 * 8 * 3);
    for (let p = 0; p < 64; p++) rgb.set(p < 32 ? [200, 30, 30] : [20, 40, 220], p * 3);
    await sharp(rgb, { raw: { width: 8, height: 8, channels: 3 } }).png({ palette: true, colours: 4 }).toFile(join(dir, 'palette.png'));
    expect((await sharp(join(dir, 'palette.png')).metadata()).isPalette).toBe(true);
    const pal = await readImage(join(dir, 'palette.png'));
    expect(pal.channels).toBe(3);
    expect(Math.abs(pal.data[0] - 200 / 255)).toBeLessThan(4 / 255);
    expect(Math.abs(pal.data[2 * 64 + 63] - 220 / 255)).toBeLessThan(4 / 255);
  });

  it('scales a 16-bit PNG to [0, 1]', async () => {
    const words = new Uint16Array([0, 65535, 32768, 16384]);
    await sharp(words, { raw: { width: 2, height: 2, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toFile(join(dir, 'deep.png'));
    const im = await readImage(join(dir, 'deep.png'));
    expect(im.channels).toBe(1);
    expect(Array.from(im.data, (v) => Math.round(v * 255))).toEqual([0, 255, 128, 64]);
  });

  it('reads JPEG and WebP', async () => {
    const image = ramps(20, 20, 3);
    await writePng(join(dir, 'src.png'), image);
    await sharp(join(dir, 'src.png')).jpeg({ quality: 95 }).toFile(join(dir, 'a.jpg'));
    await sharp(join(dir, 'src.png')).webp({ lossless: true }).toFile(join(dir, 'a.webp'));
    const jpeg = await readImage(join(dir, 'a.jpg'));
    const webp = await readImage(join(dir, 'a.webp'));
    expect([jpeg.channels, jpeg.width, jpeg.height]).toEqual([3, 20, 20]);
    expect(maxDifference(webp.data, image.data)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('resizes with cover (scale, centre crop), fill and crop', async () => {
    const image = ramps(40, 20, 3);
    await writePng(join(dir, 'wide.png'), image);
    const cover = await readImage(join(dir, 'wide.png'), { size: 10 });
    expect([cover.width, cover.height]).toEqual([10, 10]);
    const fill = await readImage(join(dir, 'wide.png'), { size: { width: 8, height: 12 }, fit: 'fill' });
    expect([fill.width, fill.height]).toEqual([8, 12]);
    const crop = await readImage(join(dir, 'wide.png'), { size: { width: 10, height: 6 }, fit: 'crop' });
    // Centre crop: column 15..24, row 7..12 of the original, unchanged values.
    expect(crop.data[0]).toBeCloseTo(image.data[7 * 40 + 15], 2);
    expect(crop.data[5 * 10 + 9]).toBeCloseTo(image.data[12 * 40 + 24], 2);
    await expect(readImage(join(dir, 'wide.png'), { size: 30, fit: 'crop' })).rejects.toThrow(
      /wide\.png: image 40x20 is smaller than the crop 30x30/,
    );
  });
});

describe('readImage errors', () => {
  it('names the file and the fix for a missing file', async () => {
    const path = join(dir, 'nope.png');
    const error = await readImage(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as ImageInputError).path).toBe(path);
    expect((error as Error).message).toBe(`${path}: file not found (check the path)`);
  });

  it('rejects a text file, a GIF and a truncated PNG with one-line messages', async () => {
    await writeFile(join(dir, 'notes.png'), 'not an image');
    await expect(readImage(join(dir, 'notes.png'))).rejects.toThrow(
      `${join(dir, 'notes.png')}: not a readable image (use a PNG, JPEG or WebP file)`,
    );
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).gif().toFile(join(dir, 'a.gif'));
    await expect(readImage(join(dir, 'a.gif'))).rejects.toThrow(/a\.gif: unsupported image format gif \(convert it to PNG, JPEG or WebP\)/);

    const whole = await sharp(Buffer.alloc(64 * 64 * 3, 7), { raw: { width: 64, height: 64, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    await writeFile(join(dir, 'cut.png'), whole.subarray(0, whole.length >> 1));
    const error = await readImage(join(dir, 'cut.png')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as Error).message).toMatch(/^.*cut\.png: .*\(.+\)$/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('rejects a folder given as an image', async () => {
    await expect(readImage(dir)).rejects.toThrow(/is a folder, not an image file/);
  });
});
