import { cloneImage, type ImageTensor } from '../io/ImageTensor.js';
import { assertMaskSize, type Mask } from '../masks/Mask.js';

/**
 * The quality tables' reference fill: the missing pixels of `image` take the values at the same places in `source`,
 * another crop of the same texture (a real patch copied from elsewhere in the same picture). It has the texture's own
 * detail but knows nothing of the hole's surroundings: what an ideal texture sample that ignores the border scores.
 * @param image, source data: [C, H, W] in [0, 1], the same shape.
 * @param mask data: [H, W], 1 = missing.
 * @returns a new image [C, H, W]: observed pixels of `image`, missing ones from `source`.
 * @throws RangeError for different shapes.
 */
export function patchCopyFill(image: ImageTensor, source: ImageTensor, mask: Mask): ImageTensor {
  assertMaskSize(mask, image.width, image.height);
  if (source.width !== image.width || source.height !== image.height || source.channels !== image.channels) {
    throw new RangeError(`source ${source.width}x${source.height}x${source.channels} differs from image ${image.width}x${image.height}x${image.channels}`);
  }
  const out = cloneImage(image);
  const plane = image.width * image.height;
  for (let c = 0; c < image.channels; c++) {
    for (let p = 0; p < plane; p++) if (mask.data[p]) out.data[c * plane + p] = source.data[c * plane + p];
  }
  return out;
}
