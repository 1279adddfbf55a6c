import { clampRange, noiseChains, Rng } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { shapeDescent, shapeSampler } from '../model/shapePreset.js';
import { occupancyRange, toOccupancy, type VoxelModel } from '../model/VoxelModel.js';

/** Options of {@link synthesizeShapes}. */
export interface SynthesizeOptions {
  /** Langevin steps; default 10 × the preset's training steps (chains start from noise here, not from persistent ones). */
  steps?: number;
  /**
   * Noise-free Langevin steps at the end (the paper switches its chains to Langevin without noise after 100 epochs);
   * they remove the speckle the noise leaves; default 100.
   */
  descentSteps?: number;
  /** Seed of the start noise and the Langevin noise; default 0. */
  seed?: number;
  /** Called after every step with the steps done and their total. */
  onStep?: (done: number, total: number) => void;
}

/**
 * New shapes from a model: Langevin chains (the preset's δ) from N(0, 1) noise, then noise-free steps, kept in the
 * occupancy range.
 * @returns `count` grids [count, R, R, R] of occupancies in [0, 1] (threshold at 0.5 for solid shapes)
 */
export async function synthesizeShapes(m: VoxelModel, count: number, options: SynthesizeOptions = {}): Promise<VoxelBatch> {
  const R = m.preset.resolution;
  const rng = new Rng(options.seed ?? 0);
  const steps = options.steps ?? 10 * m.preset.steps;
  const x = noiseChains(count, R * R * R, rng, { kind: 'gaussian', mean: 0, std: 1 });
  const [lo, hi] = occupancyRange(m);
  const descentSteps = options.descentSteps ?? 100;
  const total = steps + descentSteps;
  const constraints = [clampRange(lo, hi)];
  await shapeSampler(m.preset, { steps }).sample(m.model.energyFn(), x, { rng, constraints, onStep: (k) => options.onStep?.(k + 1, total) });
  if (descentSteps > 0) {
    const descent = shapeDescent(m.preset, { steps: descentSteps, stepSize: m.preset.stepSize });
    await descent.sample(m.model.energyFn(), x, { rng, constraints, onStep: (k) => options.onStep?.(steps + k + 1, total) });
  }
  return { shape: [count, R, R, R], data: toOccupancy(m, x) };
}
