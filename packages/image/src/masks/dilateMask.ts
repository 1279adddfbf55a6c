import type { Mask } from './Mask.js';

/**
 * The missing region grown by `margin` pixels in every direction (chessboard distance): a pixel is marked when
 * a missing pixel lies within `margin` rows and `margin` columns of it. A square hole of side s becomes a square of
 * side s + 2·margin (clipped at the image border).
 * @param mask [H, W], 1 = missing.
 * @param margin pixels, a whole number ≥ 0.
 * @returns [H, W], 1 inside the grown region.
 */
export function dilateMask(mask: Mask, margin: number): Mask {
  if (!Number.isInteger(margin) || margin < 0) throw new RangeError(`dilation margin ${margin} is not a whole number ≥ 0`);
  const { width: W, height: H, data } = mask;
  // Separable: a running window maximum along rows, then along columns.
  const rows = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!data[y * W + x]) continue;
      const lo = Math.max(0, x - margin);
      const hi = Math.min(W - 1, x + margin);
      rows.fill(1, y * W + lo, y * W + hi + 1);
    }
  }
  const out = new Uint8Array(W * H);
  for (let x = 0; x < W; x++) {
    for (let y = 0; y < H; y++) {
      if (!rows[y * W + x]) continue;
      const lo = Math.max(0, y - margin);
      const hi = Math.min(H - 1, y + margin);
      for (let yy = lo; yy <= hi; yy++) out[yy * W + x] = 1;
    }
  }
  return { data: out, width: W, height: H };
}
