import { saveModel } from '@ebm/core';
import { VIDEO_NORMALISATION } from '../io/normalisation.js';
import type { VideoModel } from './VideoModel.js';

/**
 * Writes a video model file atomically (core's format, domain 'video'): network, θ, normalisation, preset name and
 * options (with the fitted reference), the training clip's shape and rate, sampler defaults, and the trainer's state
 * when it has one (so `train --resume` continues exactly).
 * @param meta free-form descriptive fields (data source, command line).
 * @throws ModelFileError naming the path when its folder is missing or not writable.
 */
export async function saveVideoModel(path: string, m: VideoModel, meta: Record<string, unknown> = {}): Promise<void> {
  await saveModel(path, m.model, {
    domain: 'video',
    normalisation: { ...VIDEO_NORMALISATION },
    sampler: { name: m.preset.sampler.name, options: { ...m.preset.sampler.options, init: m.preset.noise, smoothness: m.preset.smoothness } },
    trainer: m.trainer,
    training: {
      preset: m.preset.name,
      presetOptions: m.preset.options,
      channels: m.channels,
      frames: m.frames,
      height: m.height,
      width: m.width,
      fps: m.fps,
    },
    meta: { createdBy: '@ebm/video 0.1.0', ...meta },
  });
}
