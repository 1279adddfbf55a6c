import { cloneImage, type ImageTensor } from '../io/ImageTensor.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';

/**
 * Mean fill, the simplest inpainting baseline: every missing pixel gets the mean of the observed pixels
 * of its channel; observed pixels are kept.
 * @param image data: [C, H, W] in [0, 1] (missing values are ignored).
 * @param mask data: [H, W], 1 = missing; must be H × W.
 * @returns a new image, data: [C, H, W].
 * @throws RangeError when no pixel is observed or the sizes differ.
 */
export function meanFill(image: ImageTensor, mask: Mask): ImageTensor {
  assertMaskSize(mask, image.width, image.height);
  const plane = image.width * image.height;
  const out = cloneImage(image);
  const m = mask.data;
  for (let c = 0; c < image.channels; c++) {
    const offset = c * plane;
    let sum = 0;
    let count = 0;
    for (let p = 0; p < plane; p++) {
      if (m[p] === 0) {
        sum += image.data[offset + p];
        count++;
      }
    }
    if (count === 0) throw new RangeError('Mean fill needs at least one observed pixel; the mask marks all missing');
    const mean = sum / count;
    for (let p = 0; p < plane; p++) if (m[p] !== 0) out.data[offset + p] = mean;
  }
  return out;
}
