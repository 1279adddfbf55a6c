import { principalAxisBox, type Constraint } from '@ebm/core';

/**
 * A constraint that keeps the colour at every position of states [N, C, ...spatial] (P positions per sample, any P)
 * inside the box `colours` span along their principal axes (core's principalAxisBox). Positions are boxed in chunks of
 * K through a [C, K] buffer, so the box works at any clip length and size; colours inside are left bit-identical.
 * @param colours [C, K] flat, the colours that span the box (network units).
 * @param positions P, values per channel of one sample.
 */
export function colourBox(colours: readonly number[], channels: number, positions: number): Constraint {
  const C = channels;
  const K = colours.length / C;
  const palette = Float32Array.from(colours);
  const box = principalAxisBox(palette, new Uint8Array(K).fill(1), C);
  const buffer = new Float32Array(palette.length);
  const D = C * positions;
  return {
    apply(states: Float32Array): void {
      for (let o = 0; o < states.length; o += D) {
        for (let p0 = 0; p0 < positions; p0 += K) {
          const n = Math.min(K, positions - p0);
          // Padding keeps the palette's own colours, which are inside the box and are not copied back.
          buffer.set(palette);
          for (let c = 0; c < C; c++) buffer.set(states.subarray(o + c * positions + p0, o + c * positions + p0 + n), c * K);
          box.apply(buffer);
          for (let c = 0; c < C; c++) states.set(buffer.subarray(c * K, c * K + n), o + c * positions + p0);
        }
      }
    },
  };
}
