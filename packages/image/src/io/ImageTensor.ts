/**
 * An image as the energy model sees it: planar float values, one plane per channel.
 *
 * `data` has shape [C, H, W] (channel planes, rows, columns) with values in [0, 1];
 * index of channel c, row y, column x is `c * H * W + y * W + x`.
 */
export interface ImageTensor {
  /** [C, H, W] planar values in [0, 1]. */
  data: Float32Array;
  /** 1 (grey) or 3 (RGB). */
  channels: 1 | 3;
  /** Columns, pixels. */
  width: number;
  /** Rows, pixels. */
  height: number;
}

/** A zero-filled image of `channels` planes of `height` × `width` pixels. */
export function createImage(width: number, height: number, channels: 1 | 3): ImageTensor {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Image size ${width}x${height} is not a positive integer size`);
  }
  return { data: new Float32Array(channels * width * height), channels, width, height };
}

/** A copy of `image` with its own data buffer. */
export function cloneImage(image: ImageTensor): ImageTensor {
  return { ...image, data: new Float32Array(image.data) };
}

/** The same image with 3 channels: a grey image repeated into R, G and B; an RGB image is copied. */
export function toRgb(image: ImageTensor): ImageTensor {
  if (image.channels === 3) return cloneImage(image);
  const plane = image.width * image.height;
  const out = createImage(image.width, image.height, 3);
  for (let c = 0; c < 3; c++) out.data.set(image.data, c * plane);
  return out;
}

/** A copy of `image` with every value clamped to [0, 1] (NaN stays NaN so callers can catch it). */
export function clampImage(image: ImageTensor): ImageTensor {
  const out = cloneImage(image);
  const d = out.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    d[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}

/**
 * Stacks equally sized images into one batch for the energy model.
 * @returns data: [N, C, H, W] planar values, shape: [N, C, H, W].
 */
export function stackImages(images: readonly ImageTensor[]): { data: Float32Array; shape: [number, number, number, number] } {
  if (images.length === 0) throw new RangeError('stackImages needs at least one image');
  const { channels, width, height } = images[0];
  const size = channels * width * height;
  const data = new Float32Array(images.length * size);
  images.forEach((im, n) => {
    if (im.channels !== channels || im.width !== width || im.height !== height) {
      throw new RangeError(
        `Image ${n} is ${im.width}x${im.height}x${im.channels}, expected ${width}x${height}x${channels} like image 0`,
      );
    }
    data.set(im.data, n * size);
  });
  return { data, shape: [images.length, channels, height, width] };
}

/**
 * Splits a batch [N, C, H, W] into N images (views are copied, so the batch may be reused).
 * @param data [N, C, H, W] planar values.
 */
export function unstackImages(data: Float32Array, shape: readonly [number, number, number, number]): ImageTensor[] {
  const [n, c, h, w] = shape;
  if (c !== 1 && c !== 3) throw new RangeError(`Batch has ${c} channels; images have 1 or 3`);
  const size = c * h * w;
  if (data.length !== n * size) throw new RangeError(`Batch length ${data.length} does not match shape [${shape.join(', ')}]`);
  const out: ImageTensor[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ data: data.slice(i * size, (i + 1) * size), channels: c, width: w, height: h });
  }
  return out;
}
