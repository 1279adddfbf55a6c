import type { Mask } from './Mask.js';
import { squareHole } from './squareHole.js';

/**
 * A square hole in the centre of the image, the block-recovery experiment.
 * @param side hole side in pixels; default round(min(W, H) / 4), a quarter of the image side.
 * @returns data: [H, W], 1 inside the hole.
 */
export function centralSquareMask(width: number, height: number, side = Math.round(Math.min(width, height) / 4)): Mask {
  if (side < 0 || side > Math.min(width, height)) throw new RangeError(`Hole side ${side} does not fit in ${width}x${height}`);
  return squareHole(width, height, Math.floor((width - side) / 2), Math.floor((height - side) / 2), side);
}
