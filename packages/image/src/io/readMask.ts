import type { Mask } from '../masks/Mask.js';
import { MaskSizeError } from './MaskSizeError.js';
import { readImage } from './readImage.js';

/** Options of {@link readMask}. */
export interface ReadMaskOptions {
  /** Resize a mask of another size to the image by nearest neighbour instead of failing (CLI --mask-resize). */
  resize?: boolean;
}

/**
 * Reads a mask PNG (or JPEG/WebP) for an image of `size`: luminance ≥ 128 of 255 (white) marks a missing
 * pixel, darker marks an observed one. Colour and alpha are reduced to luminance first.
 * @param size width and height of the image the mask belongs to, pixels.
 * @returns data: [H, W] with 1 = missing, 0 = observed.
 * @throws MaskSizeError when the sizes differ and `resize` is not set; ImageInputError for an unreadable file.
 */
export async function readMask(
  path: string,
  size: { width: number; height: number },
  options: ReadMaskOptions = {},
): Promise<Mask> {
  const grey = await readImage(path, { channels: 1 });
  if ((grey.width !== size.width || grey.height !== size.height) && !options.resize) {
    throw new MaskSizeError(path, grey, size);
  }
  const { width, height } = size;
  const data = new Uint8Array(width * height);
  // Nearest neighbour keeps the mask binary; it is the identity when the sizes agree.
  const sx = grey.width / width;
  const sy = grey.height / height;
  for (let y = 0; y < height; y++) {
    const row = Math.min(grey.height - 1, Math.floor((y + 0.5) * sy)) * grey.width;
    for (let x = 0; x < width; x++) {
      const v = grey.data[row + Math.min(grey.width - 1, Math.floor((x + 0.5) * sx))];
      data[y * width + x] = Math.round(v * 255) >= 128 ? 1 : 0;
    }
  }
  return { data, width, height };
}
