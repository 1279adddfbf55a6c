import { clampRange, noiseChains, Rng } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { shapeDescent, shapeSampler } from '../model/shapePreset.js';
import { occupancyRange, toOccupancy, type VoxelModel } from '../model/VoxelModel.js';

/** Options of {@link synthesizeShapes}. */
export interface SynthesizeOptions {
  /**
   * Where chains start: 'persistent' continues the training's persistent chains (the paper's samples are its
   * persistent chains), cycling through them when more shapes are asked for; 'noise' starts from N(0, 1). Default:
   * 'persistent' when the model has them (trained in memory, or a file saved by training), else 'noise'.
   */
  start?: 'persistent' | 'noise';
  /** Langevin steps; default the preset's training steps from persistent chains, 10 × that from noise. */
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
 * New shapes from a model: Langevin (the preset's δ) continuing the training's persistent chains (or from N(0, 1)
 * noise), then noise-free steps, kept in the occupancy range. From noise (200 + 100 steps), models trained 60
 * iterations with the energy penalty reach boxes and rough spheres; thin classes (lamps) need longer training
 * (package README, Quality).
 * @returns `count` grids [count, R, R, R] of occupancies in [0, 1] (threshold at 0.5 for solid shapes)
 */
export async function synthesizeShapes(m: VoxelModel, count: number, options: SynthesizeOptions = {}): Promise<VoxelBatch> {
  const R = m.preset.resolution;
  const D = R * R * R;
  const rng = new Rng(options.seed ?? 0);
  const persistent = (m.trainer?.state().persistent ?? m.trainerState?.persistent)?.data;
  const fromChains = options.start !== 'noise' && persistent instanceof Float32Array && persistent.length >= D;
  if (options.start === 'persistent' && !fromChains) throw new RangeError(`${m.path ?? 'this model'} holds no persistent chains (synthesize from noise)`);
  const steps = options.steps ?? (fromChains ? m.preset.steps : 10 * m.preset.steps);
  let x: Float32Array;
  if (fromChains) {
    const chains = persistent.length / D;
    x = new Float32Array(count * D);
    for (let i = 0; i < count; i++) x.set(persistent.subarray((i % chains) * D, (i % chains + 1) * D), i * D);
  } else {
    x = noiseChains(count, D, rng, { kind: 'gaussian', mean: 0, std: 1 });
  }
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
