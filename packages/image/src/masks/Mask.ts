/**
 * Which pixels are missing: one byte per pixel, shared by all channels of an image.
 * `data` has shape [H, W] (row-major); 1 = missing (to be filled), 0 = observed.
 */
export interface Mask {
  /** [H, W], 1 = missing, 0 = observed. */
  data: Uint8Array;
  /** Columns, pixels. */
  width: number;
  /** Rows, pixels. */
  height: number;
}

/** Number of missing pixels (entries equal to 1). */
export function countMissing(mask: Mask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  return n;
}

/**
 * Per-value mask for a batch or multi-channel tensor: repeats the [H, W] mask over `channels` planes.
 * @returns [channels, H, W] of 1 (missing) and 0 (observed), as floats for sampler arithmetic.
 */
export function expandMask(mask: Mask, channels: number): Float32Array {
  const plane = mask.width * mask.height;
  const out = new Float32Array(channels * plane);
  for (let c = 0; c < channels; c++) for (let p = 0; p < plane; p++) out[c * plane + p] = mask.data[p];
  return out;
}

/** Throws a RangeError unless `mask` is `width` × `height`. */
export function assertMaskSize(mask: Mask, width: number, height: number): void {
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`Mask size ${mask.width}x${mask.height} does not match image ${width}x${height}`);
  }
}
