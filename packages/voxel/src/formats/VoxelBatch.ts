import { VoxelFormatError } from './VoxelFormatError.js';

/**
 * A batch of voxel grids: occupancy in [0, 1], C order [N, D, H, W] (W fastest).
 * Axis convention of the whole package: grid[d][h][w] is the unit cube at world (x = d, y = h, z = w), Y up (as
 * three.js).
 */
export interface VoxelBatch {
  /** [N, D, H, W]. */
  shape: [number, number, number, number];
  /** N·D·H·W occupancies in [0, 1]. */
  data: Float32Array;
}

/** Occupancy at or above this counts as filled: thresholds, and what the binary formats (.binvox, .vox, bool) store. */
export const OCCUPIED = 0.5;

/** Values per grid of a batch (D·H·W). */
export function gridSize(batch: VoxelBatch): number {
  return batch.shape[1] * batch.shape[2] * batch.shape[3];
}

/**
 * Grid `n` of a batch as a batch of one (a view, no copy).
 * @throws VoxelFormatError when n is out of range
 */
export function gridAt(batch: VoxelBatch, n: number): VoxelBatch {
  const [count, d, h, w] = batch.shape;
  if (!Number.isInteger(n) || n < 0 || n >= count) throw new VoxelFormatError(`grid ${n} is out of range: the batch holds ${count}`);
  const size = d * h * w;
  return { shape: [1, d, h, w], data: batch.data.subarray(n * size, (n + 1) * size) };
}
