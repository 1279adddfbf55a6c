import type { Constraint } from '@ebm/core';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';

/**
 * A constraint that clamps every channel of chain states [N, C, H, W] (network units) to the range its observed
 * pixels span: a recovered pixel may not take a value (a colour) the image shows nowhere. In a large hole, far from
 * any observed pixel, this keeps an imperfect model from running off to saturated colours.
 * @param image [C, H, W] in [0, 1].
 * @param mask [H, W], 1 = missing.
 */
export function observedRange(image: ImageTensor, mask: Mask, normalisation: Normalisation): Constraint {
  const x = normaliseImage(normalisation, image);
  const plane = image.width * image.height;
  const C = image.channels;
  const lo = new Float32Array(C).fill(Infinity);
  const hi = new Float32Array(C).fill(-Infinity);
  for (let c = 0; c < C; c++) {
    for (let p = 0; p < plane; p++) {
      if (mask.data[p]) continue;
      const v = x[c * plane + p];
      if (v < lo[c]) lo[c] = v;
      if (v > hi[c]) hi[c] = v;
    }
  }
  const D = C * plane;
  return {
    apply(states: Float32Array): void {
      for (let o = 0; o < states.length; o += D) {
        for (let c = 0; c < C; c++) {
          const l = lo[c];
          const h = hi[c];
          for (let i = o + c * plane, end = i + plane; i < end; i++) {
            const v = states[i];
            states[i] = v < l ? l : v > h ? h : v;
          }
        }
      }
    },
  };
}
