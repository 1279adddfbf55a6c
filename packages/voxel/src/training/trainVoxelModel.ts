import { Adam, clampRange, EnergyModel, McmcMle, resolveNetwork, Rng, shapeSize, type NetworkSpec, type TrainEvent } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { GridSizeError } from '../model/GridSizeError.js';
import { shapeNetwork, shapeSampler, type ShapePreset } from '../model/shapePreset.js';
import { occupancyRange, toNetwork, type VoxelModel } from '../model/VoxelModel.js';

/** Called after every iteration with core's event and the number of iterations of this run. */
export type TrainProgress = (event: TrainEvent, total: number) => void;

/** Options of {@link createVoxelModel}. */
export interface CreateOptions {
  /** Seed of θ, the chains and the data batches; default 0. */
  seed?: number;
  /** onnxruntime intra-op threads; default all cores. */
  threads?: number;
}

/** Checks that a batch holds R³ grids for a model of resolution R. @throws GridSizeError naming both sizes */
export function assertGridSize(batch: VoxelBatch, resolution: number, what: string): void {
  const [, d, h, w] = batch.shape;
  if (d !== resolution || h !== resolution || w !== resolution) {
    throw new GridSizeError(`${what} is ${d}×${h}×${w}, but the model works on ${resolution}³ grids (voxelize or resample it to ${resolution})`);
  }
}

/**
 * A new voxel model for a training set: the preset's network (He-initialised from `seed`), the mean occupancy of the
 * data, and a trainer as in the paper (persistent Langevin chains from N(0, 1) noise, Adam with β₁ = 0.5, samples
 * kept in the occupancy range).
 * @param data training grids [N, R, R, R] in [0, 1], R = the preset's resolution
 * @throws GridSizeError when the grids are not R³
 */
export async function createVoxelModel(data: VoxelBatch, preset: ShapePreset, options: CreateOptions = {}): Promise<VoxelModel> {
  assertGridSize(data, preset.resolution, 'the training data');
  let sum = 0;
  for (let i = 0; i < data.data.length; i++) sum += data.data[i];
  const mean = sum / data.data.length;
  const seed = options.seed ?? 0;
  const spec = shapeNetwork(preset);
  const model = await EnergyModel.create(spec, { seed, threads: options.threads, theta: preset.initStd > 0 ? smallWeights(spec, preset.initStd, seed) : undefined });
  const m: VoxelModel = { model, preset, mean };
  const [lo, hi] = occupancyRange(m);
  m.trainer = new McmcMle(model, {
    sampler: shapeSampler(preset),
    optimizer: new Adam(model.theta.length, { lr: preset.learningRate, beta1: preset.beta1 }),
    init: 'persistent',
    chains: preset.chains,
    batchSize: Math.min(data.shape[0], 16),
    noise: { kind: 'gaussian', mean: 0, std: 1 },
    constraints: [clampRange(lo, hi)],
    energyPenalty: preset.energyPenalty,
    maxGradNorm: preset.maxGradNorm > 0 ? preset.maxGradNorm : undefined,
    seed,
  });
  return m;
}

/** The paper's initialisation: every weight from N(0, std²), biases 0, seeded. */
function smallWeights(spec: NetworkSpec, std: number, seed: number): Float32Array {
  const params = resolveNetwork(spec).params;
  const theta = new Float32Array(params.reduce((n, p) => n + shapeSize(p.shape), 0));
  const rng = new Rng(seed);
  let offset = 0;
  for (const p of params) {
    const n = shapeSize(p.shape);
    if (p.fanIn > 0) rng.fillNormal(theta.subarray(offset, offset + n), 0, std);
    offset += n;
  }
  return theta;
}

/**
 * Runs `iterations` of MCMC maximum likelihood on the model's trainer (a new one from {@link createVoxelModel}, or
 * one restored from a model file: optimiser moments, RNG and persistent chains continue exactly).
 * @param data training grids [N, R, R, R] in [0, 1]
 * @throws GridSizeError for grids of another size; core's TrainingDivergedError
 */
export async function trainVoxelModel(m: VoxelModel, data: VoxelBatch, iterations: number, onIteration?: TrainProgress): Promise<VoxelModel> {
  assertGridSize(data, m.preset.resolution, 'the training data');
  if (!m.trainer) {
    if (!m.trainerState) throw new RangeError(`${m.path ?? 'this model'} holds no trainer state, so it cannot resume (train without --resume)`);
    const [lo, hi] = occupancyRange(m);
    m.trainer = McmcMle.restore(m.model, m.trainerState, [clampRange(lo, hi)]);
  }
  const x = toNetwork(m, data.data);
  for (let i = 0; i < iterations; i++) onIteration?.(await m.trainer.step(x), iterations);
  return m;
}
