import type { ImageTensor } from './ImageTensor.js';

/**
 * How image values in [0, 1] map to the values the energy model sees. Plain JSON, stored in the model
 * file so that synthesis and inpainting undo exactly what training applied.
 * - `identity`: model values = image values, in [0, 1].
 * - `symmetric`: model values = 2·v − 1, in [−1, 1].
 * - `standardise`: model values = (v − mean[c]) / std[c] per channel c (unitless).
 */
export type Normalisation =
  | { kind: 'identity' }
  | { kind: 'symmetric' }
  | { kind: 'standardise'; mean: number[]; std: number[] };

/**
 * Per-channel mean and standard deviation over every pixel of every image, as a `standardise` normalisation.
 * @param images each data: [C, H, W] in [0, 1], all with the same C.
 * @param minStd floor on std so a flat channel does not divide by zero; default 1e-3.
 */
export function fitStandardisation(images: readonly ImageTensor[], minStd = 1e-3): Normalisation {
  if (images.length === 0) throw new RangeError('fitStandardisation needs at least one image');
  const channels = images[0].channels;
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  let count = 0;
  for (const im of images) {
    if (im.channels !== channels) throw new RangeError(`Images mix ${channels} and ${im.channels} channels`);
    const plane = im.width * im.height;
    for (let c = 0; c < channels; c++) {
      for (let p = c * plane, end = p + plane; p < end; p++) {
        const v = im.data[p];
        sum[c] += v;
        sumSq[c] += v * v;
      }
    }
    count += plane;
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = sum[c] / count;
    mean.push(m);
    std.push(Math.max(minStd, Math.sqrt(Math.max(0, sumSq[c] / count - m * m))));
  }
  return { kind: 'standardise', mean, std };
}

/**
 * Image values → model values.
 * @param data [..., C, H, W] (one image or a batch [N, C, H, W]) in [0, 1].
 * @param planeSize H·W, so the channel of index i is floor(i / planeSize) mod C.
 * @returns a new array of the same shape in model units.
 */
export function normalise(n: Normalisation, data: Float32Array, planeSize: number): Float32Array {
  return applyAffine(n, data, planeSize, false);
}

/**
 * Model values → image values (not clamped; a sample may stray outside [0, 1]).
 * @param data [..., C, H, W] in model units.
 * @param planeSize H·W.
 * @returns a new array of the same shape, nominally in [0, 1].
 */
export function denormalise(n: Normalisation, data: Float32Array, planeSize: number): Float32Array {
  return applyAffine(n, data, planeSize, true);
}

/** {@link normalise} for one image. @returns [C, H, W] in model units. */
export function normaliseImage(n: Normalisation, image: ImageTensor): Float32Array {
  return normalise(n, image.data, image.width * image.height);
}

/** {@link denormalise} into an image of the given size. @param data [C, H, W] in model units. */
export function denormaliseImage(
  n: Normalisation,
  data: Float32Array,
  size: { width: number; height: number; channels: 1 | 3 },
): ImageTensor {
  // Only the size fields are taken, so passing a whole ImageTensor as `size` cannot bring its data along.
  const { width, height, channels } = size;
  return { data: denormalise(n, data, width * height), channels, width, height };
}

/**
 * Checks a value read from a model file and returns it typed.
 * @throws TypeError naming what is wrong.
 */
export function parseNormalisation(value: unknown): Normalisation {
  const v = value as Record<string, unknown> | null;
  if (v === null || typeof v !== 'object') throw new TypeError('Normalisation must be an object');
  if (v.kind === 'identity' || v.kind === 'symmetric') return { kind: v.kind };
  if (v.kind === 'standardise') {
    const { mean, std } = v;
    const numbers = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!numbers(mean) || !numbers(std) || mean.length !== std.length || (mean.length !== 1 && mean.length !== 3)) {
      throw new TypeError('Normalisation standardise needs mean and std arrays of 1 or 3 finite numbers');
    }
    if (std.some((s) => s <= 0)) throw new TypeError('Normalisation std values must be positive');
    return { kind: 'standardise', mean: [...mean], std: [...std] };
  }
  throw new TypeError(`Unknown normalisation kind ${JSON.stringify(v.kind)} (identity, symmetric or standardise)`);
}

function applyAffine(n: Normalisation, data: Float32Array, planeSize: number, inverse: boolean): Float32Array {
  const out = new Float32Array(data.length);
  if (n.kind === 'identity') {
    out.set(data);
    return out;
  }
  if (n.kind === 'symmetric') {
    if (inverse) for (let i = 0; i < data.length; i++) out[i] = (data[i] + 1) * 0.5;
    else for (let i = 0; i < data.length; i++) out[i] = data[i] * 2 - 1;
    return out;
  }
  const channels = n.mean.length;
  if (data.length % (planeSize * channels) !== 0) {
    throw new RangeError(`Data length ${data.length} is not a whole number of ${channels}-channel planes of ${planeSize}`);
  }
  for (let start = 0, plane = 0; start < data.length; start += planeSize, plane++) {
    const c = plane % channels;
    const m = n.mean[c];
    const s = n.std[c];
    const end = start + planeSize;
    if (inverse) for (let i = start; i < end; i++) out[i] = data[i] * s + m;
    else for (let i = start; i < end; i++) out[i] = (data[i] - m) / s;
  }
  return out;
}
