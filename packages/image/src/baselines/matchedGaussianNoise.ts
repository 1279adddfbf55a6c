import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { Rng } from '@ebm/core';

/**
 * Matched Gaussian noise, the weakest synthesis baseline: independent Gaussian pixels with the same
 * per-channel mean and standard deviation as `image` (population statistics), and a flat (white) spectrum.
 * @param image data: [C, H, W] in [0, 1].
 * @param size output width and height; default the image's.
 * @returns data: [C, H, W], not clamped (writePng clamps).
 */
export function matchedGaussianNoise(
  image: ImageTensor,
  seed = 0,
  size: { width: number; height: number } = image,
): ImageTensor {
  const plane = image.width * image.height;
  const out = createImage(size.width, size.height, image.channels);
  const outPlane = size.width * size.height;
  const random = new Rng(seed);
  for (let c = 0; c < image.channels; c++) {
    let sum = 0;
    let sumSq = 0;
    for (let p = c * plane, end = p + plane; p < end; p++) {
      const v = image.data[p];
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / plane;
    const std = Math.sqrt(Math.max(0, sumSq / plane - mean * mean));
    for (let p = c * outPlane, end = p + outPlane; p < end; p++) out.data[p] = mean + std * random.normal();
  }
  return out;
}
