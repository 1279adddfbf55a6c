import { join } from 'node:path';
import { cropImage } from '../io/cropImage.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { readImage } from '../io/readImage.js';
import { generateTexture, type TextureKind } from '../textures/generateTexture.js';

/** One texture of the quality tables: a training crop and a disjoint (or nearly) test crop of one image. */
export interface QualityTexture {
  /** Short name for the tables, e.g. 'brick' or 'stone33'. */
  name: string;
  /** 'generated' (this package's procedural textures) or 'photo' (a file). */
  source: 'generated' | 'photo';
  /** Top-left crop [3, size, size] in [0, 1]: what models are trained on. */
  train: ImageTensor;
  /** Bottom-right crop [3, size, size] in [0, 1]: what is inpainted and scored. */
  test: ImageTensor;
  /** The whole image [3, H, W] in [0, 1] (for crops of other sizes). */
  image: ImageTensor;
}

/**
 * The textures of the quality tables: each generated kind at 2·size (seed 1) and each named photograph, cut into
 * a top-left training crop and a bottom-right test crop of `size` pixels (RGB).
 * @param folder folder of the photographs (e.g. `../shared/data/textures`).
 * @param photos file names in `folder`, each at least `size` pixels on both sides.
 */
export async function qualityTextures(
  generated: readonly TextureKind[],
  folder: string,
  photos: readonly string[],
  size = 64,
): Promise<QualityTexture[]> {
  const out: QualityTexture[] = [];
  const split = (name: string, source: QualityTexture['source'], image: ImageTensor): QualityTexture => ({
    name,
    source,
    train: cropImage(image, 0, 0, size, size),
    test: cropImage(image, image.width - size, image.height - size, size, size),
    image,
  });
  for (const kind of generated) out.push(split(kind, 'generated', generateTexture(kind, { size: 2 * size, seed: 1 })));
  for (const file of photos) out.push(split(file.replace(/\.[^.]+$/, ''), 'photo', await readImage(join(folder, file), { channels: 3 })));
  return out;
}
