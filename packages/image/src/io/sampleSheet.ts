import { createImage, toRgb, type ImageTensor } from './ImageTensor.js';
import { writePng } from './writePng.js';

/** Layout of a sample sheet. */
export interface SampleSheetOptions {
  /** Images per row; default ceil(sqrt(N)). */
  columns?: number;
  /** Gap between images and around the border, pixels; default 2. */
  gap?: number;
  /** Value of the gap, in [0, 1]; default 1 (white). */
  background?: number;
}

/**
 * Lays out N equally sized images in a grid, row by row, with a gap between them and around the edge.
 * Grey images are promoted to RGB when the set mixes grey and colour.
 * @param images each data: [C, h, w] in [0, 1], all of the same h × w.
 * @returns data: [C, H, W] with W = cols·w + (cols+1)·gap, H = rows·h + (rows+1)·gap.
 */
export function composeSampleSheet(images: readonly ImageTensor[], options: SampleSheetOptions = {}): ImageTensor {
  if (images.length === 0) throw new RangeError('A sample sheet needs at least one image');
  const { width: w, height: h } = images[0];
  for (const [i, im] of images.entries()) {
    if (im.width !== w || im.height !== h) {
      throw new RangeError(`Sample ${i} is ${im.width}x${im.height}, sample 0 is ${w}x${h}; a sheet needs one size`);
    }
  }
  const channels: 1 | 3 = images.some((im) => im.channels === 3) ? 3 : 1;
  const columns = Math.max(1, Math.min(images.length, options.columns ?? Math.ceil(Math.sqrt(images.length))));
  const rows = Math.ceil(images.length / columns);
  const gap = options.gap ?? 2;
  const sheet = createImage(columns * w + (columns + 1) * gap, rows * h + (rows + 1) * gap, channels);
  sheet.data.fill(options.background ?? 1);
  const sheetPlane = sheet.width * sheet.height;
  const plane = w * h;
  images.forEach((original, n) => {
    const im = channels === 3 && original.channels === 1 ? toRgb(original) : original;
    const left = gap + (n % columns) * (w + gap);
    const top = gap + Math.floor(n / columns) * (h + gap);
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        const src = c * plane + y * w;
        sheet.data.set(im.data.subarray(src, src + w), c * sheetPlane + (top + y) * sheet.width + left);
      }
    }
  });
  return sheet;
}

/**
 * Writes N samples as one PNG grid, atomically; see {@link composeSampleSheet} for the layout.
 * @param images each data: [C, h, w] in [0, 1].
 */
export async function writeSampleSheet(
  path: string,
  images: readonly ImageTensor[],
  options: SampleSheetOptions = {},
): Promise<void> {
  await writePng(path, composeSampleSheet(images, options));
}
