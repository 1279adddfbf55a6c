import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImageInputError } from '../io/ImageInputError.js';
import { toRgb, type ImageTensor } from '../io/ImageTensor.js';
import { readDataset } from '../io/readDataset.js';
import { JEM_NORMALISATION, type LabelledImages } from './LabelledImages.js';

/**
 * Reads a classification data set: a folder with one sub-folder of images per class (`digits/0/*.png`,
 * `digits/1/*.png`, …), classes in name order. All images must have one size; grey images are repeated into RGB when
 * the set mixes grey and colour.
 * @throws ImageInputError naming the folder or file: no class sub-folders, fewer than two classes, an empty or
 *   unreadable class, images of mixed sizes
 */
export async function readClassFolders(folder: string): Promise<LabelledImages> {
  const info = await stat(folder).catch(() => null);
  if (!info) throw new ImageInputError(folder, 'folder not found', 'check the --data path, or use --data mnist');
  if (!info.isDirectory()) throw new ImageInputError(folder, 'is a file, not a folder of class sub-folders', 'put each class in a sub-folder, e.g. digits/3/*.png');
  const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  const classNames = entries.map((e) => e.name).sort();
  if (classNames.length < 2) {
    throw new ImageInputError(folder, `has ${classNames.length === 0 ? 'no class sub-folders' : 'one class sub-folder only'}`, 'put the images of each class in its own sub-folder, e.g. digits/0/*.png … digits/9/*.png');
  }
  let images: ImageTensor[] = [];
  const files: string[] = [];
  const labels: number[] = [];
  for (const [k, name] of classNames.entries()) {
    const set = await readDataset(join(folder, name));
    images.push(...set.images);
    files.push(...set.files);
    labels.push(...set.images.map(() => k));
  }
  const first = images[0];
  images.forEach((im, i) => {
    if (im.width !== first.width || im.height !== first.height) {
      throw new ImageInputError(files[i], `size ${im.width}x${im.height} differs from ${first.width}x${first.height} of ${files[0]}`, 'give every image of the data set one size');
    }
  });
  if (images.some((im) => im.channels === 3)) images = images.map((im) => (im.channels === 1 ? toRgb(im) : im));
  const C = images[0].channels;
  const D = C * first.width * first.height;
  const x = new Float32Array(images.length * D);
  images.forEach((im, n) => {
    for (let i = 0; i < D; i++) x[n * D + i] = JEM_NORMALISATION.scale * im.data[i] + JEM_NORMALISATION.offset;
  });
  return { x, labels: Uint8Array.from(labels), count: images.length, shape: [C, first.height, first.width], classNames };
}
