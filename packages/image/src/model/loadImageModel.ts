import { loadModel, ModelFileError, type ExecutionOptions } from '@ebm/core';
import { parseNormalisation } from '../io/Normalisation.js';
import { createPreset, isPresetName } from '../presets/presets.js';
import type { ImageModel } from './ImageModel.js';

/**
 * Reads an image model file written by {@link saveImageModel} (or `ebm-image train`).
 * @throws ModelFileError with a one-line message naming the file: missing, damaged, of another domain
 *   (`model file m.ebm is a voxel model, not an image model; use ebm-voxel for it`), or without image fields.
 */
export async function loadImageModel(path: string, execution: ExecutionOptions = {}): Promise<ImageModel> {
  const { model, contents, trainerState } = await loadModel(path, { ...execution, expect: 'image' });
  const t = contents.training ?? {};
  const presetName = String(t.preset ?? '');
  if (!isPresetName(presetName) || contents.domain !== 'image') {
    await model.dispose();
    throw new ModelFileError(`model file ${path} was not written by ebm-image (no image preset); train one with ebm-image train`, path);
  }
  let normalisation;
  try {
    normalisation = parseNormalisation(contents.normalisation);
  } catch (e) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} has an unusable normalisation: ${(e as Error).message}`, path);
  }
  const [channels, height, width] = model.inputShape;
  if (channels !== 1 && channels !== 3) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} takes ${channels}-channel input; image models take 1 or 3`, path);
  }
  const stored = (t.presetOptions ?? {}) as Record<string, unknown>;
  // Texture models written before fill chains and temperatures existed: synthesis only, at temperature 1.
  const options = presetName === 'texture' ? { fillChains: 0, temperature: 1, ...stored } : stored;
  const preset = createPreset(presetName, options as Record<string, never>);
  return { model, preset, normalisation, channels, width, height, trainerState, path };
}
