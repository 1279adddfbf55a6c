import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@ebm/core';
import sharp from 'sharp';
import { ImageOutputError } from './ImageOutputError.js';
import type { ImageTensor } from './ImageTensor.js';

/**
 * Encodes an image as an 8-bit PNG (grey for 1 channel, RGB for 3). Values are clamped to [0, 1]
 * and rounded to the nearest of 256 levels, so a read back is within 0.5/255 of the input.
 * @param image data: [C, H, W] in [0, 1].
 * @param label names the destination in error messages.
 * @throws ImageOutputError when a value is NaN or infinite (nothing is encoded).
 */
export async function encodePng(image: ImageTensor, label = 'image'): Promise<Buffer> {
  const { data, channels, width, height } = image;
  const plane = width * height;
  if (data.length !== channels * plane) {
    throw new RangeError(`Image data length ${data.length} does not match ${channels}x${height}x${width}`);
  }
  const bytes = Buffer.alloc(channels * plane);
  for (let c = 0; c < channels; c++) {
    const offset = c * plane;
    for (let p = 0; p < plane; p++) {
      const v = data[offset + p];
      if (!Number.isFinite(v)) {
        const x = p % width;
        const y = (p - x) / width;
        throw new ImageOutputError(
          label,
          `pixel (${x}, ${y}) channel ${c} is ${v}`,
          'sampling diverged; lower the step size or the number of steps',
        );
      }
      bytes[p * channels + c] = Math.round((v < 0 ? 0 : v > 1 ? 1 : v) * 255);
    }
  }
  return sharp(bytes, { raw: { width, height, channels } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .png()
    .toBuffer();
}

/**
 * Writes an image as an 8-bit PNG atomically through core's writeFileAtomic (temp file in the same folder, then
 * rename).
 * @param image data: [C, H, W] in [0, 1]; values outside are clamped.
 * @throws ImageOutputError for a missing output folder or non-finite values; no file is left behind.
 */
export async function writePng(path: string, image: ImageTensor): Promise<void> {
  const png = await encodePng(image, path);
  const folder = dirname(path);
  if (!(await stat(folder).catch(() => null))?.isDirectory()) {
    throw new ImageOutputError(path, `output folder ${folder} does not exist`, 'create the folder or choose another --out');
  }
  await writeFileAtomic(path, png);
}
