import { principalAxisBox, type Constraint } from '@ebm/core';
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
 * Grey images (C = 1) are clamped to their observed range. The image's case of core's {@link principalAxisBox}.
 * @param image [C, H, W] in [0, 1].
 * @param mask [H, W], 1 = missing.
 */
export function observedRange(image: ImageTensor, mask: Mask, normalisation: Normalisation): Constraint {
  const observed = Uint8Array.from(mask.data, (missing) => (missing ? 0 : 1));
  return principalAxisBox(normaliseImage(normalisation, image), observed, image.channels);
}
