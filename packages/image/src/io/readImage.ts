import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import { ImageInputError } from './ImageInputError.js';
import type { ImageTensor } from './ImageTensor.js';
import { SUPPORTED_IMAGE_FORMATS } from './imageFormats.js';

/** How a file is brought to a requested size. */
export type ImageFit =
  /** Scale so the image covers the size, then crop the centre (keeps the aspect ratio). */
  | 'cover'
  /** Scale each axis independently to the size (may distort). */
  | 'fill'
  /** Crop the centre without scaling; the file must be at least the size. */
  | 'crop';

/** Options of {@link readImage}. */
export interface ReadImageOptions {
  /** Output size in pixels: a number for a square, or width and height. Omitted: the file's size. */
  size?: number | { width: number; height: number };
  /** How to reach `size`; default 'cover'. */
  fit?: ImageFit;
  /**
   * Channels of the result. Omitted: 1 for a grey file, 3 for colour (RGB, palette, CMYK).
   * 1 forces grey (luminance), 3 repeats a grey file into R, G and B. Alpha is always dropped.
   */
  channels?: 1 | 3;
}

/**
 * Reads a PNG, JPEG or WebP file into a planar float image.
 * EXIF orientation is applied; 16-bit files are scaled to [0, 1] like 8-bit ones.
 * @returns data: [C, H, W] in [0, 1]; C = 1 for grey, 3 for colour (see options.channels).
 * @throws ImageInputError for a missing, unreadable, corrupt or unsupported file, or a crop larger than the file.
 */
export async function readImage(path: string, options: ReadImageOptions = {}): Promise<ImageTensor> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageInputError(path, 'file not found', 'check the path');
    if (code === 'EISDIR') throw new ImageInputError(path, 'is a folder, not an image file', 'pass a PNG, JPEG or WebP file');
    throw new ImageInputError(path, `cannot read file (${code ?? String(error)})`, 'check the file permissions');
  }
  return decodeImage(bytes, path, options);
}

/**
 * Decodes PNG, JPEG or WebP bytes into a planar float image; see {@link readImage}.
 * @param label names the source in error messages (usually the file path).
 * @returns data: [C, H, W] in [0, 1].
 */
export async function decodeImage(bytes: Uint8Array, label: string, options: ReadImageOptions = {}): Promise<ImageTensor> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    throw new ImageInputError(label, 'not a readable image', 'use a PNG, JPEG or WebP file');
  }
  if (!(SUPPORTED_IMAGE_FORMATS as readonly string[]).includes(metadata.format)) {
    throw new ImageInputError(label, `unsupported image format ${metadata.format}`, 'convert it to PNG, JPEG or WebP');
  }
  const sourceIsGrey = metadata.channels <= 2;
  const channels: 1 | 3 = options.channels ?? (sourceIsGrey ? 1 : 3);

  let pipeline = sharp(bytes, { failOn: 'error' }).autoOrient().removeAlpha();
  if (options.size !== undefined) {
    const { width, height } = typeof options.size === 'number' ? { width: options.size, height: options.size } : options.size;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`Image size ${width}x${height} is not a positive integer size`);
    }
    const fit = options.fit ?? 'cover';
    if (fit === 'crop') {
      const oriented = metadata.autoOrient ?? { width: metadata.width, height: metadata.height };
      if (oriented.width < width || oriented.height < height) {
        throw new ImageInputError(
          label,
          `image ${oriented.width}x${oriented.height} is smaller than the crop ${width}x${height}`,
          'pass a smaller size or scale with fit cover',
        );
      }
      pipeline = pipeline.extract({
        left: Math.floor((oriented.width - width) / 2),
        top: Math.floor((oriented.height - height) / 2),
        width,
        height,
      });
    } else {
      pipeline = pipeline.resize(width, height, { fit, position: 'centre' });
    }
  }
  // The 8-bit interpretations make libvips scale 16-bit input rather than clip it.
  pipeline = pipeline.toColourspace(channels === 1 ? 'b-w' : 'srgb');

  let raw: { data: Buffer; info: OutputInfo };
  try {
    raw = await pipeline.raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImageInputError(label, `cannot decode image: ${detail}`, 'the file may be truncated or corrupt; re-export it as PNG');
  }
  return interleavedToPlanar(raw.data, raw.info.width, raw.info.height, raw.info.channels, channels, label);
}

function interleavedToPlanar(
  buffer: Buffer,
  width: number,
  height: number,
  bands: number,
  channels: 1 | 3,
  label: string,
): ImageTensor {
  const plane = width * height;
  if (bands !== channels) {
    throw new ImageInputError(label, `decoded ${bands} channels where ${channels} were expected`, 'convert it to 8-bit RGB PNG');
  }
  const data = new Float32Array(channels * plane);
  const values = plane * channels;
  if (buffer.length === values) {
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < channels; c++) data[c * plane + p] = buffer[p * channels + c] / 255;
    }
  } else if (buffer.length === 2 * values) {
    // Raw 16-bit samples are in machine order, little-endian on the platforms sharp ships for.
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < channels; c++) data[c * plane + p] = buffer.readUInt16LE(2 * (p * channels + c)) / 65535;
    }
  } else {
    throw new ImageInputError(label, 'decoded pixel depth is neither 8 nor 16 bits', 'convert it to 8-bit PNG');
  }
  return { data, channels, width, height };
}
