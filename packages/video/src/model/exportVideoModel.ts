import { exportOnnx, writeFileAtomic } from '@ebm/core';
import { VIDEO_NORMALISATION } from '../io/normalisation.js';
import type { VideoModel } from './VideoModel.js';

/**
 * Writes the model as one self-contained ONNX file (core's export): input x [N, C, T, H, W] with a symbolic batch,
 * outputs `energy` [N] and `grad_x`; metadata `ebm.domain` = video, the normalisation and the sampler with the
 * space-time reference's precisions (the reference itself is not in the graph: a consumer adds its gradient).
 */
export async function exportVideoModel(path: string, m: VideoModel): Promise<void> {
  const bytes = exportOnnx(m.model, {
    domain: 'video',
    normalisation: { ...VIDEO_NORMALISATION },
    sampler: { name: m.preset.sampler.name, options: { ...m.preset.sampler.options, init: m.preset.noise, smoothness: m.preset.smoothness } },
  });
  await writeFileAtomic(path, bytes);
}
