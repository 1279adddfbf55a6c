import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { latticeHash, valueNoise } from './latticeNoise.js';
import { textureSize, type TextureOptions } from './TextureOptions.js';

const WARP = [0.16, 0.24, 0.45];
const WEFT = [0.85, 0.8, 0.66];

/**
 * 2/2 twill weave (denim-like): threads 8 px wide (× scale); in cell (i, j) the vertical warp thread lies on
 * top when (i + j) mod 4 < 2, which draws diagonal ribs. Threads are shaded as cylinders, with dark gaps
 * between them and fibre noise along each thread. Periodic with period 32 px × scale along both axes.
 * @returns RGB, data: [3, H, W] in [0, 1].
 */
export function weaveTexture(options: TextureOptions): ImageTensor {
  const { width, height } = textureSize(options);
  const seed = options.seed ?? 0;
  const scale = options.scale ?? 1;
  const thread = 8 * scale;
  const ox = Math.floor(latticeHash(2, 7, seed) * 4 * thread);
  const oy = Math.floor(latticeHash(8, 1, seed) * 4 * thread);
  const image = createImage(width, height, 3);
  const plane = width * height;
  const d = image.data;
  for (let y = 0; y < height; y++) {
    const py = y + oy;
    const j = Math.floor(py / thread);
    const v = (py - j * thread + 0.5) / thread;
    for (let x = 0; x < width; x++) {
      const px = x + ox;
      const i = Math.floor(px / thread);
      const u = (px - i * thread + 0.5) / thread;
      const warpOnTop = (((i + j) % 4) + 4) % 4 < 2;
      // Across-thread position in (0, 1): shading of a round thread, darkest at its edges.
      const across = warpOnTop ? u : v;
      const along = warpOnTop ? py : px;
      const lane = warpOnTop ? i : j;
      const roundness = Math.sin(Math.PI * across);
      const fibre = valueNoise(along / (1.5 * scale), lane * 17.3, seed + (warpOnTop ? 1 : 2)) - 0.5;
      const speck = latticeHash(x, y, seed + 9) - 0.5;
      const colour = warpOnTop ? WARP : WEFT;
      const shade = 0.45 + 0.55 * roundness;
      const p = y * width + x;
      for (let c = 0; c < 3; c++) {
        const value = colour[c] * shade + 0.08 * fibre + 0.03 * speck;
        d[c * plane + p] = Math.min(1, Math.max(0, value));
      }
    }
  }
  return image;
}
