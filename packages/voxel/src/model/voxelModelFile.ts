import { loadModel, ModelFileError, saveModel, type ExecutionOptions } from '@ebm/core';
import { shapePreset, shapeNetwork, type ShapePresetOptions } from './shapePreset.js';
import { occupancyRange, type VoxelModel } from './VoxelModel.js';

/**
 * Writes a voxel model file atomically (core's format, domain 'voxel'): network, θ, the mean occupancy, the preset,
 * and the trainer's state when it has one (so `train --resume` continues exactly).
 * @throws ModelFileError naming the path when its folder is missing or not writable
 */
export async function saveVoxelModel(path: string, m: VoxelModel, meta: Record<string, unknown> = {}): Promise<void> {
  await saveModel(path, m.model, {
    domain: 'voxel',
    normalisation: { offset: -m.mean, meaning: 'network input = occupancy − mean occupancy of the training grids' },
    sampler: { name: 'langevin', options: { steps: m.preset.steps, stepSize: m.preset.stepSize, clamp: occupancyRange(m) } },
    trainer: m.trainer,
    training: { preset: 'shape', presetOptions: m.preset },
    meta: { createdBy: '@ebm/voxel 0.1.0', ...meta },
  });
}

/**
 * Reads a voxel model file written by {@link saveVoxelModel} (or `ebm-voxel train`).
 * @throws ModelFileError with a one-line message naming the file: missing, damaged, of another domain, or not a
 *   `shape` preset model
 */
export async function loadVoxelModel(path: string, execution: ExecutionOptions = {}): Promise<VoxelModel> {
  const { model, contents, trainerState } = await loadModel(path, { ...execution, expect: 'voxel' });
  const t = contents.training ?? {};
  const offset = Number((contents.normalisation ?? {}).offset);
  if (t.preset !== 'shape' || !Number.isFinite(offset)) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} was not written by ebm-voxel (no shape preset); train one with ebm-voxel train`, path);
  }
  let preset;
  try {
    preset = shapePreset(t.presetOptions as ShapePresetOptions);
  } catch (e) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} has unusable preset options: ${(e as Error).message}`, path);
  }
  if (JSON.stringify(shapeNetwork(preset).input) !== JSON.stringify(model.inputShape)) {
    await model.dispose();
    throw new ModelFileError(`model file ${path}: its network input [${model.inputShape}] does not match its preset (resolution ${preset.resolution})`, path);
  }
  return { model, preset, mean: -offset, trainerState, path };
}
