import { Adam, clampRange, learnFromIncomplete, McmcMle, Rng, type TrainEvent } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { shapeDescent, shapeSampler } from '../model/shapePreset.js';
import { occupancyRange, toNetwork, toOccupancy, type VoxelModel } from '../model/VoxelModel.js';
import { assertGridSize } from '../training/trainVoxelModel.js';
import { fillBaseline } from './fillBaseline.js';
import { assertMaskFits, observedIndicator } from './VoxelMask.js';

/** Options of {@link recoverByLearning}. */
export interface LearnedRecoveryOptions {
  /** Parameter updates, each after one recovery sweep; default 30. */
  iterations?: number;
  /** Noise-free Langevin steps of each recovery sweep; default 10. */
  steps?: number;
  /** Adam learning rate of the updates; default a tenth of the preset's (the model is already trained). */
  learningRate?: number;
  /** Seed; default 0. */
  seed?: number;
  /** Called after every parameter update with core's event and the number of updates. */
  onIteration?: (event: TrainEvent, total: number) => void;
}

/**
 * Recovery that also learns from the incomplete grids themselves, on core's learnFromIncomplete (stochastic EM, as
 * in the recovery experiments of the paper): starting from the trained model and the fill baseline, every
 * iteration recovers the missing voxels by noise-free Langevin under the current θ (observed voxels fixed) and then
 * updates θ by MCMC-MLE with the recovered grids as data (chains start at the data). The result is the mean of the
 * recoveries of the last half of the iterations. The model's θ in memory is changed; the file is not.
 * @param grids [N, R, R, R]; @param mask [R³] or [N·R³], 1 = missing
 * @returns [N, R, R, R] occupancies in [0, 1], observed voxels as given
 */
export async function recoverByLearning(m: VoxelModel, grids: VoxelBatch, mask: Float32Array, options: LearnedRecoveryOptions = {}): Promise<VoxelBatch> {
  assertGridSize(grids, m.preset.resolution, 'the grid');
  assertMaskFits(grids, mask);
  const seed = options.seed ?? 0;
  const [lo, hi] = occupancyRange(m);
  const clamp = clampRange(lo, hi);
  const n = grids.shape[0];
  const trainer = new McmcMle(m.model, {
    sampler: shapeSampler(m.preset),
    optimizer: new Adam(m.model.theta.length, { lr: options.learningRate ?? m.preset.learningRate / 10, beta1: m.preset.beta1 }),
    init: 'data',
    chains: n,
    batchSize: n,
    constraints: [clamp],
    seed,
  });
  const { chains } = await learnFromIncomplete(
    { x: toNetwork(m, fillBaseline(grids, mask).data), observed: observedIndicator(mask) },
    {
      trainer,
      energy: m.model.energyFn(),
      recovery: shapeDescent(m.preset, { steps: options.steps ?? 10 }),
      iterations: options.iterations ?? 30,
      estimate: 'mean',
      rng: new Rng(seed + 1),
      constraints: [clamp],
      onIteration: options.onIteration,
    },
  );
  const out = toOccupancy(m, chains);
  for (let i = 0; i < out.length; i++) if (!mask[i % mask.length]) out[i] = grids.data[i];
  return { shape: grids.shape, data: out };
}
