/**
 * One voxel grid as the viewer draws it: occupancy in [0, 1], C order, value of grid[d][h][w] at
 * data[(d·H + h)·W + w]; the cell is the unit cube at world (x = d, y = h, z = w), Y up (the voxel package's rule).
 */
export interface VoxelGrid {
  /** [D, H, W] */
  shape: [number, number, number];
  /** [D·H·W] occupancy, usually in [0, 1]. */
  data: Float32Array;
}

/** The i-th grid of a batch [N, D, H, W] (a view, no copy). */
export function gridOfBatch(shape: readonly number[], data: Float32Array, i: number): VoxelGrid {
  const [, D, H, W] = shape;
  const n = D * H * W;
  return { shape: [D, H, W], data: data.subarray(i * n, (i + 1) * n) };
}

/** True when every value is 0 or 1 (a threshold changes nothing). */
export function isBinaryGrid(grid: VoxelGrid): boolean {
  const a = grid.data;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0 && a[i] !== 1) return false;
  return true;
}

/** Number of voxels whose occupancy is ≥ threshold. */
export function countAtLeast(grid: VoxelGrid, threshold: number): number {
  const a = grid.data;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] >= threshold) n++;
  return n;
}
