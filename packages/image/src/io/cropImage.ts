import { createImage, type ImageTensor } from './ImageTensor.js';

/**
 * A rectangle of an image, copied.
 * @param image data: [C, H, W].
 * @param left, top the rectangle's first column and row, pixels.
 * @param width, height its size, pixels; the rectangle must lie inside the image.
 * @returns data: [C, height, width].
 * @throws RangeError when the rectangle does not fit.
 */
export function cropImage(image: ImageTensor, left: number, top: number, width: number, height: number): ImageTensor {
  if (left < 0 || top < 0 || left + width > image.width || top + height > image.height) {
    throw new RangeError(`crop ${width}x${height} at (${left}, ${top}) does not fit in ${image.width}x${image.height}`);
  }
  const out = createImage(width, height, image.channels);
  const plane = image.width * image.height;
  for (let c = 0; c < image.channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = c * plane + (top + y) * image.width + left;
      out.data.set(image.data.subarray(from, from + width), c * width * height + y * width);
    }
  }
  return out;
}
