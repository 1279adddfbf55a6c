import type { Rng } from '@ebm/core';

/**
 * Translates each image of a batch by a random whole number of pixels in [−s, s] along each axis, in place; pixels
 * shifted in from outside get `background`. Data augmentation for small digit sets.
 * @param x [N·C·H·W]
 * @param shape [C, H, W]
 */
export function shiftImages(x: Float32Array, shape: readonly [number, number, number], s: number, rng: Rng, background = -1): void {
  if (s <= 0) return;
  const [C, H, W] = shape;
  const D = C * H * W;
  const N = x.length / D;
  const src = new Float32Array(D);
  for (let n = 0; n < N; n++) {
    const dy = rng.int(2 * s + 1) - s;
    const dx = rng.int(2 * s + 1) - s;
    if (dx === 0 && dy === 0) continue;
    const img = x.subarray(n * D, n * D + D);
    src.set(img);
    for (let c = 0; c < C; c++)
      for (let y = 0; y < H; y++) {
        const sy = y - dy;
        for (let xx = 0; xx < W; xx++) {
          const sx = xx - dx;
          img[c * H * W + y * W + xx] = sy >= 0 && sy < H && sx >= 0 && sx < W ? src[c * H * W + sy * W + sx] : background;
        }
      }
  }
}
