import type { Mask } from './Mask.js';

/**
 * A square hole in the centre of the image, the block-recovery experiment.
 * @param side hole side in pixels; default round(min(W, H) / 4), a quarter of the image side.
 * @returns data: [H, W], 1 inside the hole.
 */
export function centralSquareMask(width: number, height: number, side = Math.round(Math.min(width, height) / 4)): Mask {
  if (side < 0 || side > Math.min(width, height)) throw new RangeError(`Hole side ${side} does not fit in ${width}x${height}`);
  const data = new Uint8Array(width * height);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let y = top; y < top + side; y++) data.fill(1, y * width + left, y * width + left + side);
  return { data, width, height };
}
