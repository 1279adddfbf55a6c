import { clampRange, observedMask, Rng } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { shapeDescent } from '../model/shapePreset.js';
import { occupancyRange, toNetwork, toOccupancy, type VoxelModel } from '../model/VoxelModel.js';
import { assertGridSize } from '../training/trainVoxelModel.js';
import { fillBaseline } from './fillBaseline.js';
import { assertMaskFits, observedIndicator } from './VoxelMask.js';

/** Options of {@link recoverShapes}. */
export interface RecoverOptions {
  /** Noise-free Langevin steps; default the preset's recoverySteps (30). */
  steps?: number;
  /** Step size δ; default the preset's recoveryStepSize (0.04). */
  stepSize?: number;
  /**
   * Where the missing voxels start: 'soft-fill' (default) the fill baseline's neighbourhood mean, so voxels the
   * neighbourhood leaves undecided (mean near ½) are the ones the model settles; 'fill' the baseline's 0/1 majority.
   */
  start?: 'soft-fill' | 'fill';
  /** Called after every step with the steps done and their total. */
  onStep?: (done: number, total: number) => void;
}

/**
 * Recovers the missing voxels of incomplete shapes under a trained model, as in the paper's recovery experiment:
 * Langevin dynamics without noise on the missing voxels (the observed ones held fixed by core's observedMask), here
 * started from the fill baseline's neighbourhood mean instead of the data mean, and kept in the occupancy range.
 * @param grids [N, R, R, R] occupancies; values under the mask are ignored
 * @param mask [R, R, R] or [N, R, R, R], 1 = missing
 * @returns [N, R, R, R] occupancies in [0, 1]; observed voxels exactly as given
 * @throws GridSizeError for grids or masks of another size
 */
export async function recoverShapes(m: VoxelModel, grids: VoxelBatch, mask: Float32Array, options: RecoverOptions = {}): Promise<VoxelBatch> {
  assertGridSize(grids, m.preset.resolution, 'the grid');
  assertMaskFits(grids, mask);
  const start = fillBaseline(grids, mask, { soft: options.start !== 'fill' });
  const x = toNetwork(m, start.data);
  const [lo, hi] = occupancyRange(m);
  const observed = observedIndicator(mask);
  const sampler = shapeDescent(m.preset, { steps: options.steps, stepSize: options.stepSize });
  const total = Number(sampler.state().options.steps);
  await sampler.sample(m.model.energyFn(), x, {
    rng: new Rng(0),
    constraints: [clampRange(lo, hi), observedMask(observed, x.slice())],
    onStep: (k) => options.onStep?.(k + 1, total),
  });
  const out = toOccupancy(m, x);
  // Observed voxels bit-identical to the input (the clamp and the mean offset round otherwise).
  for (let i = 0; i < out.length; i++) if (!mask[i % mask.length]) out[i] = grids.data[i];
  return { shape: grids.shape, data: out };
}
