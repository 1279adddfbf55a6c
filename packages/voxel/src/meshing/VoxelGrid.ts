import type { VoxelBatch } from '../formats/VoxelBatch.js';

/**
 * One voxel grid as the meshers take it: occupancy, C order, the value of cell (d, h, w) at data[(d·H + h)·W + w];
 * the cell is the unit cube [d, d+1] × [h, h+1] × [w, w+1] at world (x = d, y = h, z = w), Y up.
 */
export interface VoxelGrid {
  /** [D, H, W] */
  shape: readonly [number, number, number];
  /** [D·H·W] occupancy, usually in [0, 1]. */
  data: Float32Array;
}

/**
 * Grid `n` of a batch [N, D, H, W] as a {@link VoxelGrid} (a view, no copy); a VoxelGrid is returned as it is.
 * @throws RangeError when n is out of range
 */
export function gridOf(grid: VoxelGrid | VoxelBatch, n = 0): VoxelGrid {
  if (grid.shape.length === 3) return grid as VoxelGrid;
  const [count, D, H, W] = (grid as VoxelBatch).shape;
  if (!Number.isInteger(n) || n < 0 || n >= count) throw new RangeError(`grid ${n} is out of range: the batch holds ${count}`);
  const size = D * H * W;
  return { shape: [D, H, W], data: grid.data.subarray(n * size, (n + 1) * size) };
}

/** [dEnd, hEnd, wEnd]: exclusive ends of the cells a mesher keeps (slicing); the rest counts as empty. */
export type CellBox = readonly [number, number, number];
