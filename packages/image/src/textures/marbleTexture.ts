import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { fractalNoise, latticeHash } from './latticeNoise.js';
import { textureSize, type TextureOptions } from './TextureOptions.js';

const STONE = [0.93, 0.9, 0.86];
const VEIN = [0.32, 0.3, 0.34];

/**
 * Marble: a sine stripe pattern (period 40 px × scale) bent by 6-octave fractal turbulence, giving thin dark
 * veins on a warm white stone with soft cloudy variation.
 * @returns RGB, data: [3, H, W] in [0, 1].
 */
export function marbleTexture(options: TextureOptions): ImageTensor {
  const { width, height } = textureSize(options);
  const seed = options.seed ?? 0;
  const scale = options.scale ?? 1;
  const period = 40 * scale;
  const angle = latticeHash(5, 9, seed) * Math.PI;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const image = createImage(width, height, 3);
  const plane = width * height;
  const d = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const turbulence = fractalNoise(x / (32 * scale), y / (32 * scale), seed, 6);
      const phase = (x * cos + y * sin) / period + 2.2 * turbulence;
      // A vein where the stripe crosses zero; the power sharpens it into a thin line.
      const vein = Math.pow(1 - Math.abs(Math.sin(Math.PI * phase)), 6);
      const cloud = fractalNoise(x / (20 * scale), y / (20 * scale), seed + 3, 4) - 0.5;
      const p = y * width + x;
      for (let c = 0; c < 3; c++) {
        const v = STONE[c] + 0.12 * cloud;
        d[c * plane + p] = Math.min(1, Math.max(0, v + (VEIN[c] - v) * vein));
      }
    }
  }
  return image;
}
