import { loadMnistDigits, mnistSplit, seededPermutation, type LabelledDigits } from '@ebm/core';

/**
 * A labelled image set in the network's units: x [N·C·H·W] in [−1, 1] (pixel value p ∈ [0, 1] as 2p − 1), labels [N]
 * in 0…K−1, and the names of the K classes.
 */
export interface LabelledImages {
  x: Float32Array;
  labels: Uint8Array;
  count: number;
  /** Per-image shape [C, H, W]. */
  shape: [number, number, number];
  classNames: string[];
}

/** Pixel values [0, 1] → network units [−1, 1]. */
export const JEM_NORMALISATION = { scale: 2, offset: -1 } as const;

/** Fraction of a folder data set held out for evaluation (the `mnist` package uses its own fixed split). */
export const HELD_OUT_FRACTION = 0.2;

/** Seed of the held-out split of a folder data set. */
export const FOLDER_SPLIT_SEED = 20_200_101;

/** Digits of the `mnist` package in network units. */
export function digitsAsImages(d: LabelledDigits): LabelledImages {
  const x = new Float32Array(d.images.length);
  for (let i = 0; i < x.length; i++) x[i] = JEM_NORMALISATION.scale * d.images[i] + JEM_NORMALISATION.offset;
  return { x, labels: d.labels, count: d.count, shape: [1, d.height, d.width], classNames: Array.from({ length: 10 }, (_, k) => String(k)) };
}

/** The fixed train / held-out split of the `mnist` package's 10,000 digits (2,000 held out), in network units. */
export function mnistImages(): { train: LabelledImages; test: LabelledImages } {
  const { train, test } = mnistSplit();
  return { train: digitsAsImages(train), test: digitsAsImages(test) };
}

/** The images at `indices`, in that order. */
export function selectImages(d: LabelledImages, indices: ArrayLike<number>): LabelledImages {
  const D = d.shape[0] * d.shape[1] * d.shape[2];
  const x = new Float32Array(indices.length * D);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    x.set(d.x.subarray(indices[k] * D, indices[k] * D + D), k * D);
    labels[k] = d.labels[indices[k]];
  }
  return { ...d, x, labels, count: indices.length };
}

/** A seeded split of a folder data set: {@link HELD_OUT_FRACTION} held out, at least one image on each side. */
export function splitImages(d: LabelledImages): { train: LabelledImages; test: LabelledImages } {
  const order = seededPermutation(d.count, FOLDER_SPLIT_SEED);
  const nTest = Math.min(d.count - 1, Math.max(1, Math.round(d.count * HELD_OUT_FRACTION)));
  return { test: selectImages(d, order.subarray(0, nTest)), train: selectImages(d, order.subarray(nTest)) };
}

/** All 10,000 digits of the `mnist` package (no split), in network units. */
export function allMnistImages(): LabelledImages {
  return digitsAsImages(loadMnistDigits());
}
