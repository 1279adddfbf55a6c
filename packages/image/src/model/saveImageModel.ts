import { saveModel } from '@ebm/core';
import type { ImageModel } from './ImageModel.js';

/** Descriptive fields stored beside an image model (data source, command line); free-form JSON. */
export type ImageModelMeta = Record<string, unknown>;

/**
 * Writes an image model file atomically (core's format, domain 'image'): network, θ, the normalisation,
 * the preset name and options, the training size, sampler defaults, and the trainer's state when it has one
 * (so `train --resume` continues exactly).
 * @throws ModelFileError naming the path when its folder is missing or not writable.
 */
export async function saveImageModel(path: string, m: ImageModel, meta: ImageModelMeta = {}): Promise<void> {
  await saveModel(path, m.model, {
    domain: 'image',
    normalisation: { ...m.normalisation },
    // `init` beside the sampler options tells core's `ebm sample` which noise chains start from.
    sampler: { name: m.preset.sampler.name, options: { ...m.preset.sampler.options, init: m.preset.noise, smoothness: m.preset.smoothness } },
    trainer: m.trainer,
    training: {
      preset: m.preset.name,
      presetOptions: m.preset.options,
      channels: m.channels,
      width: m.width,
      height: m.height,
    },
    meta: { createdBy: '@ebm/image 0.1.0', ...meta },
  });
}
