import { exportOnnx } from '@ebm/core';
import type { ImageModel } from './ImageModel.js';

/**
 * The model as one self-contained ONNX file (core's exportOnnx): input x [N, C, H, W] in network units, outputs
 * `energy` [N] and `grad_x`, metadata `ebm.normalisation` (image ↔ network values), `ebm.sampler` (sampler name
 * and options, chain noise under `init`, and the smooth reference's precision under `smoothness`: a number λ or a
 * C×C row-major matrix P).
 *
 * The smooth reference (1/2)·Σ dᵀPd over neighbour differences (P = λI for a number) is not in the graph (core's
 * network spec cannot express it yet): a consumer adds (Lx)·P to grad_x, i.e. for each pixel P times the
 * C-vector of its 4-neighbour graph Laplacian, when `smoothness` is not 0.
 * @returns the ONNX bytes.
 */
export function exportImageModel(m: ImageModel): Uint8Array {
  return exportOnnx(m.model, {
    domain: 'image',
    normalisation: { ...m.normalisation },
    sampler: {
      name: m.preset.sampler.name,
      options: { ...m.preset.sampler.options, init: m.preset.noise, smoothness: m.preset.smoothness },
    },
  });
}
