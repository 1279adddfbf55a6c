import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { fractalNoise } from './latticeNoise.js';
import { textureSize, type TextureOptions } from './TextureOptions.js';

const SKY = [0.3, 0.5, 0.85];
const CLOUD = [0.97, 0.97, 0.98];

/**
 * Clouds: 6-octave fractal value noise (largest features ~48 px × scale), thresholded softly so blue sky
 * shows between white clouds. A 1/f-like spectrum, the classical stationary random texture.
 * @returns RGB, data: [3, H, W] in [0, 1].
 */
export function cloudTexture(options: TextureOptions): ImageTensor {
  const { width, height } = textureSize(options);
  const seed = options.seed ?? 0;
  const scale = options.scale ?? 1;
  const image = createImage(width, height, 3);
  const plane = width * height;
  const d = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const n = fractalNoise(x / (48 * scale), y / (48 * scale), seed, 6, 0.55);
      const cover = Math.min(1, Math.max(0, (n - 0.35) / 0.35));
      const p = y * width + x;
      for (let c = 0; c < 3; c++) d[c * plane + p] = SKY[c] + (CLOUD[c] - SKY[c]) * cover;
    }
  }
  return image;
}
