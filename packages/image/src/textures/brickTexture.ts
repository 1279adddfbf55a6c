import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { fractalNoise, latticeHash } from './latticeNoise.js';
import { textureSize, type TextureOptions } from './TextureOptions.js';

const BRICK = [0.62, 0.27, 0.18];
const MORTAR = [0.74, 0.72, 0.68];

/**
 * Running-bond brick wall: bricks 24 × 10 px (× scale) with 2 px mortar, every other course offset by half
 * a brick; each brick has its own tint, surfaces carry fractal grain and edges are slightly darkened.
 * @returns RGB, data: [3, H, W] in [0, 1].
 */
export function brickTexture(options: TextureOptions): ImageTensor {
  const { width, height } = textureSize(options);
  const seed = options.seed ?? 0;
  const scale = options.scale ?? 1;
  const brickW = 24 * scale;
  const brickH = 10 * scale;
  const mortar = Math.max(1, 2 * scale);
  // The seed also shifts the pattern so different seeds do not share brick corners.
  const ox = latticeHash(1, 2, seed) * brickW * 2;
  const oy = latticeHash(3, 4, seed) * brickH * 2;
  const image = createImage(width, height, 3);
  const plane = width * height;
  const d = image.data;
  for (let y = 0; y < height; y++) {
    const py = y + oy;
    const course = Math.floor(py / brickH);
    const inY = py - course * brickH;
    for (let x = 0; x < width; x++) {
      const px = x + ox + (course % 2 === 0 ? 0 : brickW / 2);
      const column = Math.floor(px / brickW);
      const inX = px - column * brickW;
      const grain = fractalNoise(x / 3, y / 3, seed + 7, 3) - 0.5;
      const speck = latticeHash(x, y, seed + 11) - 0.5;
      const p = y * width + x;
      if (inX < mortar || inY < mortar) {
        for (let c = 0; c < 3; c++) d[c * plane + p] = MORTAR[c] + 0.12 * grain + 0.05 * speck;
        continue;
      }
      const tint = latticeHash(column, course, seed + 5) - 0.5;
      const lightness = latticeHash(column, course, seed + 6) - 0.5;
      const edge = Math.min(inX - mortar, brickW - inX, inY - mortar, brickH - inY);
      const shade = 1 - 0.18 * Math.exp(-edge / (1.2 * scale)) + 0.25 * lightness;
      const r = (BRICK[0] + 0.1 * tint) * shade + 0.16 * grain + 0.04 * speck;
      const g = (BRICK[1] + 0.04 * tint) * shade + 0.1 * grain + 0.04 * speck;
      const b = BRICK[2] * shade + 0.08 * grain + 0.04 * speck;
      d[p] = r;
      d[plane + p] = g;
      d[2 * plane + p] = b;
    }
  }
  for (let i = 0; i < d.length; i++) d[i] = Math.min(1, Math.max(0, d[i]));
  return image;
}
