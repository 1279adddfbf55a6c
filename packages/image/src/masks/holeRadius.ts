import type { Mask } from './Mask.js';

/**
 * How far the missing region reaches from the observed pixels: the largest chessboard (8-neighbour) distance from
 * a missing pixel to its nearest observed pixel, in pixels. Scattered missing pixels give 1, a square hole of side s
 * gives ⌈s/2⌉; a mask with every pixel missing gives Infinity, one with none 0.
 * @param mask [H, W], 1 = missing.
 */
export function holeRadius(mask: Mask): number {
  const { width: W, height: H, data } = mask;
  const distance = new Int32Array(W * H).fill(-1);
  let frontier: number[] = [];
  for (let p = 0; p < W * H; p++) {
    if (!data[p]) {
      distance[p] = 0;
      frontier.push(p);
    }
  }
  if (frontier.length === 0) return Infinity;
  let radius = 0;
  while (frontier.length) {
    const next: number[] = [];
    for (const p of frontier) {
      const x = p % W;
      const y = (p - x) / W;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
          const q = ny * W + nx;
          if (distance[q] >= 0) continue;
          distance[q] = distance[p] + 1;
          radius = distance[q];
          next.push(q);
        }
      }
    }
    frontier = next;
  }
  return radius;
}
