import type { Rng } from '@ebm/core';
import { cloneImage, type ImageTensor } from '../io/ImageTensor.js';
import type { Mask } from '../masks/Mask.js';

/**
 * Observed pixels to hold out: round(fraction · observed) of the pixels `mask` marks observed, drawn uniformly
 * without replacement by `rng` (partial Fisher–Yates shuffle).
 * @param mask [H, W], 1 = missing.
 * @param fraction share of the observed pixels, in [0, 1).
 * @returns [H, W], 1 = held out (observed in `mask`, to be treated as missing and scored).
 */
export function holdOutPixels(mask: Mask, fraction: number, rng: Rng): Mask {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`held-out fraction ${fraction} is not in [0, 1)`);
  const observed: number[] = [];
  for (let p = 0; p < mask.data.length; p++) if (!mask.data[p]) observed.push(p);
  const n = Math.round(fraction * observed.length);
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(observed.length - i);
    [observed[i], observed[j]] = [observed[j], observed[i]];
    data[observed[i]] = 1;
  }
  return { data, width: mask.width, height: mask.height };
}

/** [H, W]: 1 where either mask is 1. */
export function unionMask(a: Mask, b: Mask): Mask {
  const data = new Uint8Array(a.data.length);
  for (let p = 0; p < data.length; p++) data[p] = a.data[p] | b.data[p];
  return { data, width: a.width, height: a.height };
}

/**
 * The least-squares weight w ∈ [0, 1] of `recovered` in w·recovered + (1 − w)·`reference` on the held-out pixels (all
 * channels): w = Σ (r − h)(x − h) / Σ (r − h)², clamped; 1 when the two agree there.
 * @param recovered, reference, truth [C, H, W] in [0, 1], one size.
 * @param heldOut [H, W], 1 = a pixel whose `truth` the estimates did not see.
 */
export function blendWeight(recovered: ImageTensor, reference: ImageTensor, truth: ImageTensor, heldOut: Mask): number {
  const plane = heldOut.data.length;
  let num = 0;
  let den = 0;
  for (let c = 0; c < truth.channels; c++) {
    for (let p = 0; p < plane; p++) {
      if (!heldOut.data[p]) continue;
      const i = c * plane + p;
      const d = recovered.data[i] - reference.data[i];
      num += d * (truth.data[i] - reference.data[i]);
      den += d * d;
    }
  }
  return den > 0 ? Math.min(1, Math.max(0, num / den)) : 1;
}

/**
 * w·`recovered` + (1 − w)·`reference` on the pixels `mask` marks missing, `image` (the observed values) elsewhere.
 * @param image, recovered, reference [C, H, W] in [0, 1], one size; @param mask [H, W], 1 = missing.
 * @returns a new image [C, H, W] in [0, 1].
 */
export function blendMissing(image: ImageTensor, recovered: ImageTensor, reference: ImageTensor, mask: Mask, w: number): ImageTensor {
  const out = cloneImage(image);
  const plane = mask.data.length;
  for (let c = 0; c < image.channels; c++) {
    for (let p = 0; p < plane; p++) {
      if (!mask.data[p]) continue;
      const i = c * plane + p;
      out.data[i] = w * recovered.data[i] + (1 - w) * reference.data[i];
    }
  }
  return out;
}
