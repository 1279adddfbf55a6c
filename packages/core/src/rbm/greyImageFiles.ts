import { readFile } from 'node:fs/promises';
import { RbmError } from './RbmError.js';

/** A grey image: values [H·W] in [0, 1], row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** File endings `ebm rbm train --data <folder>` reads (lower case): the formats sharp decodes. */
export const GREY_IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff', '.gif', '.avif'] as const;

/** Whether a file name ends in one of {@link GREY_IMAGE_EXTENSIONS}. */
export function isGreyImageFile(name: string): boolean {
  const lower = name.toLowerCase();
  return GREY_IMAGE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** sharp, loaded on first use so that commands which read no image files never load its native library. */
async function loadSharp(): Promise<typeof import('sharp').default> {
  return (await import('sharp')).default;
}

/**
 * Reads an image file (PNG of any bit depth or colour type, JPEG, WebP, TIFF, GIF, AVIF) through sharp as grey values
 * in [0, 1]: colour becomes luminance, alpha is composited onto black, EXIF orientation is applied, 16-bit files are
 * scaled like 8-bit ones.
 * @returns [H·W] grey values
 * @throws RbmError naming the file for a missing or undecodable one
 */
export async function readGreyImage(path: string): Promise<GreyImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new RbmError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path and permissions`);
  }
  const sharp = await loadSharp();
  try {
    const wide = (await sharp(bytes).metadata()).depth === 'ushort';
    const { data, info } = await sharp(bytes)
      .rotate()
      .flatten({ background: '#000000' })
      .toColourspace(wide ? 'grey16' : 'b-w')
      .raw(wide ? { depth: 'ushort' } : {})
      .toBuffer({ resolveWithObject: true });
    const px = wide ? new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2) : data;
    const scale = wide ? 65535 : 255;
    const out = new Float32Array(info.width * info.height);
    for (let i = 0; i < out.length; i++) out[i] = px[i * info.channels] / scale;
    return { width: info.width, height: info.height, data: out };
  } catch {
    throw new RbmError(`${path}: not a readable image; use a PNG, JPEG, WebP, TIFF, GIF or AVIF file`);
  }
}

/** Encodes a grey image as an 8-bit greyscale PNG through sharp (values clamped to [0, 1]). */
export async function encodeGreyPng(image: GreyImage): Promise<Uint8Array> {
  const { width, height, data } = image;
  const px = new Uint8Array(width * height);
  for (let i = 0; i < px.length; i++) px[i] = Math.round(255 * Math.min(1, Math.max(0, data[i])));
  const sharp = await loadSharp();
  return sharp(px, { raw: { width, height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}
