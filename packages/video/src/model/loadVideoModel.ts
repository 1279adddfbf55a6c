import { loadModel, ModelFileError, type ExecutionOptions } from '@ebm/core';
import { dynamicTexturePreset, type DynamicTextureOptions } from '../presets/dynamicTexturePreset.js';
import type { VideoModel } from './VideoModel.js';

/**
 * Reads a video model file written by {@link saveVideoModel} (or `ebm-video train`).
 * @throws ModelFileError with a one-line message naming the file: missing, damaged, of another domain
 *   ('model file m.ebm is a voxel model, not a video model; use ebm-voxel for it'), or without video fields.
 */
export async function loadVideoModel(path: string, execution: ExecutionOptions = {}): Promise<VideoModel> {
  const { model, contents, trainerState } = await loadModel(path, { ...execution, expect: 'video' });
  const t = contents.training ?? {};
  const [channels, frames, height, width] = model.inputShape;
  if (contents.domain !== 'video' || t.preset !== 'dynamic-texture' || model.inputShape.length !== 4 || (channels !== 1 && channels !== 3)) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} was not written by ebm-video (no video preset); train one with ebm-video train`, path);
  }
  const preset = dynamicTexturePreset((t.presetOptions ?? {}) as Partial<DynamicTextureOptions>);
  const fps = typeof t.fps === 'number' && t.fps > 0 ? t.fps : 25;
  return { model, preset, channels, frames, height, width, fps, trainerState, path };
}
