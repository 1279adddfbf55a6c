import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImageInputError } from './ImageInputError.js';
import { toRgb, type ImageTensor } from './ImageTensor.js';
import { hasImageExtension } from './imageFormats.js';
import { readImage, type ReadImageOptions } from './readImage.js';

/** Images read from one file or a folder, in file-name order. */
export interface ImageDataset {
  /** Each data: [C, H, W] in [0, 1]; all have the same channel count. */
  images: ImageTensor[];
  /** The file each image came from, same order as `images`. */
  files: string[];
}

/** Options of {@link readDataset}: those of {@link readImage} plus size agreement. */
export interface ReadDatasetOptions extends ReadImageOptions {
  /** Allow images of different sizes (texture models crop patches); default false. */
  allowMixedSizes?: boolean;
}

/**
 * Lists the PNG, JPEG and WebP files of a folder (by extension, any case), sorted by name.
 * Other files (a README, a .DS_Store) are skipped.
 * @throws ImageInputError when the folder is missing or holds no image file.
 */
export async function listImageFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageInputError(folder, 'folder not found', 'check the --data path');
    throw new ImageInputError(folder, `cannot list folder (${code ?? String(error)})`, 'check the --data path');
  }
  const files = names.filter(hasImageExtension).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) {
    throw new ImageInputError(folder, 'no PNG, JPEG or WebP images in folder', 'add .png, .jpg or .webp files or pass one image');
  }
  return files.map((name) => join(folder, name));
}

/**
 * Reads training data: one image file, or every image of a folder in name order.
 * When `channels` is not given and the set mixes grey and colour files, grey ones are repeated into RGB.
 * @returns images each [C, H, W] in [0, 1], with the file each came from.
 * @throws ImageInputError for an unreadable file, an empty folder, or (without `size` or
 *   `allowMixedSizes`) an image whose size differs from the first.
 */
export async function readDataset(path: string, options: ReadDatasetOptions = {}): Promise<ImageDataset> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new ImageInputError(path, 'file or folder not found', 'check the --data path');
  const files = info.isDirectory() ? await listImageFiles(path) : [path];
  let images: ImageTensor[] = [];
  for (const file of files) images.push(await readImage(file, options));
  if (!options.allowMixedSizes) {
    const first = images[0];
    images.forEach((im, i) => {
      if (im.width !== first.width || im.height !== first.height) {
        throw new ImageInputError(
          files[i],
          `size ${im.width}x${im.height} differs from ${first.width}x${first.height} of ${files[0]}`,
          'pass --size so every image is scaled and cropped to one size',
        );
      }
    });
  }
  if (images.some((im) => im.channels === 3)) images = images.map((im) => (im.channels === 1 ? toRgb(im) : im));
  return { images, files };
}
