import type { ImageTensor } from '../io/ImageTensor.js';
import { brickTexture } from './brickTexture.js';
import { cloudTexture } from './cloudTexture.js';
import { marbleTexture } from './marbleTexture.js';
import type { TextureOptions } from './TextureOptions.js';
import { weaveTexture } from './weaveTexture.js';

/** The project's own procedural textures (CC0): the README's default training data and test data. */
export const TEXTURE_GENERATORS = {
  brick: brickTexture,
  marble: marbleTexture,
  weave: weaveTexture,
  cloud: cloudTexture,
} as const satisfies Record<string, (options: TextureOptions) => ImageTensor>;

/** Name of a procedural texture: 'brick', 'marble', 'weave' or 'cloud'. */
export type TextureKind = keyof typeof TEXTURE_GENERATORS;

/** The texture names, in a fixed order. */
export const TEXTURE_KINDS = Object.keys(TEXTURE_GENERATORS) as TextureKind[];

/**
 * Generates a procedural texture by name.
 * @returns RGB, data: [3, H, W] in [0, 1].
 * @throws RangeError naming the known kinds for an unknown one.
 */
export function generateTexture(kind: TextureKind, options: TextureOptions): ImageTensor {
  const generator = TEXTURE_GENERATORS[kind];
  if (generator === undefined) {
    throw new RangeError(`Unknown texture ${JSON.stringify(kind)} (one of ${TEXTURE_KINDS.join(', ')})`);
  }
  return generator(options);
}
