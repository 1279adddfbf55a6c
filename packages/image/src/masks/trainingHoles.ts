import type { Rng } from '@ebm/core';
import { dilateMask } from './dilateMask.js';
import type { Mask } from './Mask.js';

/** Where one fill chain of training runs: a window of the image and a square hole inside it. */
export interface HoleWindow {
  /** The window's first column and row in the image, pixels; its size is the one asked for. */
  left: number;
  top: number;
  /** The hole's first column and row inside the window, pixels. */
  holeLeft: number;
  holeTop: number;
  /** The hole's side, pixels. */
  side: number;
}

/** Draws before the margin around a hole may touch missing pixels. */
export const TRIES = 200;

/**
 * Where fill chains hide a square during training: a hole of a random side in [minSide, maxSide] at a random place,
 * and a window of windowWidth × windowHeight around it, both inside the image. With `missing`, the hole grown by
 * `margin` px keeps clear of the image's own missing pixels (its context is then all observed) whenever such a place
 * exists; otherwise the last of {@link TRIES} draws is used as it is.
 */
export class TrainingHoles {
  private readonly blocked?: Int32Array;
  private readonly minSide: number;
  private readonly maxSide: number;

  /**
   * @param missing [height, width], 1 = missing (the damaged image of inpainting by learning); omitted: all observed.
   * @throws RangeError when the window does not fit in the image.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    readonly windowWidth: number,
    readonly windowHeight: number,
    sides: readonly [number, number],
    missing?: Mask,
    margin = 0,
  ) {
    if (windowWidth > width || windowHeight > height) throw new RangeError(`window ${windowWidth}x${windowHeight} does not fit in ${width}x${height}`);
    this.maxSide = Math.max(1, Math.min(sides[1], windowWidth, windowHeight));
    this.minSide = Math.max(1, Math.min(sides[0], this.maxSide));
    this.blocked = missing ? prefixCounts(margin > 0 ? dilateMask(missing, margin) : missing) : undefined;
  }

  /** One hole and its window. */
  draw(rng: Rng): HoleWindow {
    const { width, height, windowWidth, windowHeight, minSide, maxSide, blocked } = this;
    let pick: HoleWindow = { left: 0, top: 0, holeLeft: 0, holeTop: 0, side: minSide };
    for (let t = 0; t < TRIES; t++) {
      const side = minSide + rng.int(maxSide - minSide + 1);
      const left = rng.int(width - windowWidth + 1);
      const top = rng.int(height - windowHeight + 1);
      const holeLeft = rng.int(windowWidth - side + 1);
      const holeTop = rng.int(windowHeight - side + 1);
      pick = { left, top, holeLeft, holeTop, side };
      if (!blocked || countIn(blocked, width, left + holeLeft, top + holeTop, side) === 0) return pick;
    }
    return pick;
  }
}

/** Summed-area table of a mask: [(H+1)·(W+1)], entry (y, x) = missing pixels above and left of (y, x). */
function prefixCounts(mask: Mask): Int32Array {
  const { width: W, height: H, data } = mask;
  const s = new Int32Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      row += data[y * W + x];
      s[(y + 1) * (W + 1) + x + 1] = s[y * (W + 1) + x + 1] + row;
    }
  }
  return s;
}

/** Missing pixels in the square [left, left + side) × [top, top + side) of a W-wide image. */
function countIn(s: Int32Array, W: number, left: number, top: number, side: number): number {
  const w = W + 1;
  return s[(top + side) * w + left + side] - s[top * w + left + side] - s[(top + side) * w + left] + s[top * w + left];
}
