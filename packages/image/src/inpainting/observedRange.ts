import type { Constraint } from '@ebm/core';
import { symmetricEigen } from '../energy/symmetricEigen.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';

/**
 * A constraint that keeps every pixel's colour of chain states [N, C, H, W] (network units) inside the box its
 * observed pixels span along their principal colour axes: each pixel's C-vector is written in the axes of the
 * observed colours' covariance (around their mean), each coordinate clamped to the observed range, and written
 * back. A recovered pixel may not take a colour the image shows nowhere: in a grey texture the chroma axes have
 * almost no range, so holes stay grey; a red brick wall allows the reds and the mortar's grey but not green. In a
 * large hole, far from any observed pixel, this keeps an imperfect model from running off to saturated colours.
 * Grey images (C = 1) are clamped to their observed range.
 * @param image [C, H, W] in [0, 1].
 * @param mask [H, W], 1 = missing.
 */
export function observedRange(image: ImageTensor, mask: Mask, normalisation: Normalisation): Constraint {
  const x = normaliseImage(normalisation, image);
  const plane = image.width * image.height;
  const C = image.channels;
  let observed = 0;
  const mean = new Float64Array(C);
  for (let p = 0; p < plane; p++) {
    if (mask.data[p]) continue;
    observed++;
    for (let c = 0; c < C; c++) mean[c] += x[c * plane + p];
  }
  for (let c = 0; c < C; c++) mean[c] /= Math.max(1, observed);
  const covariance = new Array<number>(C * C).fill(0);
  for (let p = 0; p < plane; p++) {
    if (mask.data[p]) continue;
    for (let a = 0; a < C; a++) {
      for (let b = 0; b < C; b++) covariance[a * C + b] += ((x[a * plane + p] - mean[a]) * (x[b * plane + p] - mean[b])) / Math.max(1, observed);
    }
  }
  // axes[k * C + c]: component c of principal axis k.
  const { vectors } = symmetricEigen(covariance, C);
  const axes = new Float64Array(C * C);
  for (let k = 0; k < C; k++) for (let c = 0; c < C; c++) axes[k * C + c] = vectors[c * C + k];
  const lo = new Float64Array(C).fill(Infinity);
  const hi = new Float64Array(C).fill(-Infinity);
  for (let p = 0; p < plane; p++) {
    if (mask.data[p]) continue;
    for (let k = 0; k < C; k++) {
      let t = 0;
      for (let c = 0; c < C; c++) t += axes[k * C + c] * (x[c * plane + p] - mean[c]);
      if (t < lo[k]) lo[k] = t;
      if (t > hi[k]) hi[k] = t;
    }
  }
  const D = C * plane;
  const coordinates = new Float64Array(C);
  return {
    apply(states: Float32Array): void {
      for (let o = 0; o < states.length; o += D) {
        for (let p = 0; p < plane; p++) {
          let moved = false;
          for (let k = 0; k < C; k++) {
            let t = 0;
            for (let c = 0; c < C; c++) t += axes[k * C + c] * (states[o + c * plane + p] - mean[c]);
            const clamped = t < lo[k] ? lo[k] : t > hi[k] ? hi[k] : t;
            coordinates[k] = clamped;
            if (clamped !== t) moved = true;
          }
          if (!moved) continue;
          for (let c = 0; c < C; c++) {
            let v = mean[c];
            for (let k = 0; k < C; k++) v += axes[k * C + c] * coordinates[k];
            states[o + c * plane + p] = v;
          }
        }
      }
    },
  };
}
