import type { ImageTensor } from '../io/ImageTensor.js';

/** Rec. 601 luma weights of R, G and B, the usual grey-level conversion of a 3-channel image. */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * Grey level of each pixel: the single channel of a grey image, Y = 0.299 R + 0.587 G + 0.114 B of an RGB one
 * (applied to the stored sRGB values, as image histograms conventionally are).
 * @param image data: [C, H, W] in [0, 1].
 * @returns [H, W] in [0, 1].
 */
export function luminance(image: ImageTensor): Float32Array {
  const plane = image.width * image.height;
  if (image.channels === 1) return image.data.slice(0, plane);
  const out = new Float32Array(plane);
  const d = image.data;
  const [wr, wg, wb] = LUMA_WEIGHTS;
  for (let p = 0; p < plane; p++) out[p] = wr * d[p] + wg * d[plane + p] + wb * d[2 * plane + p];
  return out;
}
