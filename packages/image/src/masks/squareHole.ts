import type { Mask } from './Mask.js';

/**
 * A mask with one square hole.
 * @param left, top the hole's first column and row, pixels.
 * @param side the hole's side, pixels; the hole must lie inside the image.
 * @returns data: [height, width], 1 inside the hole.
 * @throws RangeError when the hole does not fit.
 */
export function squareHole(width: number, height: number, left: number, top: number, side: number): Mask {
  if (left < 0 || top < 0 || side < 0 || left + side > width || top + side > height) {
    throw new RangeError(`hole of side ${side} at (${left}, ${top}) does not fit in ${width}x${height}`);
  }
  const data = new Uint8Array(width * height);
  for (let y = top; y < top + side; y++) data.fill(1, y * width + left, y * width + left + side);
  return { data, width, height };
}
