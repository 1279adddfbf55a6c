import { join } from 'node:path';
import { writePng } from '../io/writePng.js';
import { generateTexture, TEXTURE_KINDS, type TextureKind } from './generateTexture.js';
import type { TextureOptions } from './TextureOptions.js';

/** Options of {@link writeTexturePngs}: texture options plus which kinds to write. */
export interface WriteTexturePngsOptions extends TextureOptions {
  /** Default: every kind in {@link TEXTURE_KINDS}. */
  kinds?: readonly TextureKind[];
}

/**
 * Writes procedural textures as `<folder>/<kind>.png` (8-bit RGB, atomic writes).
 * The folder must exist.
 * @returns the paths written, in the order of `kinds`.
 */
export async function writeTexturePngs(folder: string, options: WriteTexturePngsOptions): Promise<string[]> {
  const paths: string[] = [];
  for (const kind of options.kinds ?? TEXTURE_KINDS) {
    const path = join(folder, `${kind}.png`);
    await writePng(path, generateTexture(kind, options));
    paths.push(path);
  }
  return paths;
}
