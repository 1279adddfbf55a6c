import type { ImageTensor } from '../io/ImageTensor.js';
import type { Mask } from '../masks/Mask.js';

/**
 * Mean of the observed values of images in network units for the symmetric normalisation (2v − 1), over every
 * channel: where chains of a texture model start.
 * @param images [C, H, W] in [0, 1].
 * @param mask optional [H, W], 1 = missing: those pixels are left out.
 * @returns a value in [−1, 1]; 0 when nothing is observed.
 */
export function observedMean(images: readonly ImageTensor[], mask?: Mask): number {
  let sum = 0;
  let count = 0;
  for (const im of images) {
    const plane = im.width * im.height;
    for (let c = 0; c < im.channels; c++) {
      for (let p = 0; p < plane; p++) {
        if (mask && mask.data[p]) continue;
        sum += 2 * im.data[c * plane + p] - 1;
        count++;
      }
    }
  }
  return count ? sum / count : 0;
}
