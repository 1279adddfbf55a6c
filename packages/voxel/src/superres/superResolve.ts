import { blockAverageProjection, clampRange, Rng } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { GridSizeError } from '../model/GridSizeError.js';
import { shapeDescent } from '../model/shapePreset.js';
import { occupancyRange, toNetwork, type VoxelModel } from '../model/VoxelModel.js';
import { blockRounding } from './blockRounding.js';
import { upsample } from './upsample.js';

/** Options of {@link superResolve}. */
export interface SuperResolveOptions {
  /** Noise-free Langevin steps; default the preset's superResolutionSteps (10). */
  steps?: number;
  /** Step size δ; default the preset's superResolutionStepSize (0.07). */
  stepSize?: number;
  /**
   * Keep the Langevin result soft instead of rounding it block by block ({@link blockRounding}: in each block the
   * coarse count of filled cells goes to the cells the model rates highest); default false.
   */
  soft?: boolean;
  /** Called after every step with the steps done and their total. */
  onStep?: (done: number, total: number) => void;
}

/**
 * Super-resolution as in the paper: the model works at its own (fine) resolution R; noise-free Langevin starts from
 * the trilinear upsampling of the coarse grid and, after every step, core's block-average projection puts every
 * s³ block's mean back to its coarse value. The result is then brought into [0, 1] by alternating the clamp and the
 * projection, so its block averages still equal the coarse input (to float rounding). Unless `soft`, each block is
 * then rounded ({@link blockRounding}): its coarse count of filled cells goes to the cells the model rates highest,
 * so the thresholded result keeps the coarse occupancy too (the paper thresholds without it).
 * @param coarse [N, R/s, R/s, R/s] occupancies in [0, 1]
 * @param scale s, dividing R (2 or 4)
 * @returns [N, R, R, R] occupancies in [0, 1]
 * @throws GridSizeError when s does not divide R or the coarse grid is not (R/s)³
 */
export async function superResolve(m: VoxelModel, coarse: VoxelBatch, scale: number, options: SuperResolveOptions = {}): Promise<VoxelBatch> {
  const R = m.preset.resolution;
  if (!Number.isInteger(scale) || scale < 2 || R % scale !== 0) throw new GridSizeError(`scale ${scale} does not divide the model's resolution ${R} (use 2 or 4)`);
  const c = R / scale;
  const [n, d, h, w] = coarse.shape;
  if (d !== c || h !== c || w !== c) throw new GridSizeError(`the coarse grid is ${d}×${h}×${w}, but a ${R}³ model with scale ${scale} takes ${c}³ grids`);
  const shape = [n, 1, R, R, R];
  const target = coarse.data.map((v) => v - m.mean);
  const project = blockAverageProjection(shape, scale, target);
  const x = toNetwork(m, upsample(coarse, scale, 'trilinear').data);
  const sampler = shapeDescent(m.preset, { steps: options.steps ?? m.preset.superResolutionSteps, stepSize: options.stepSize ?? m.preset.superResolutionStepSize });
  const total = Number(sampler.state().options.steps);
  await sampler.sample(m.model.energyFn(), x, { rng: new Rng(0), constraints: [project], onStep: (k) => options.onStep?.(k + 1, total) });
  const [lo, hi] = occupancyRange(m);
  const clamp = clampRange(lo, hi);
  for (let round = 0; round < 200; round++) {
    clamp.apply(x);
    project.apply(x);
    if (x.every((v) => v >= lo - 1e-4 && v <= hi + 1e-4)) break;
  }
  const fine = x.map((v) => Math.min(1, Math.max(0, v + m.mean)));
  if (!options.soft) blockRounding(fine, coarse.data, R, scale);
  return { shape: [n, R, R, R], data: fine };
}
