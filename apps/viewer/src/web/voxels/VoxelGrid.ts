import type { VoxelGrid } from '@ebm/voxel/meshing';

/**
 * One voxel grid as the viewer draws it: the voxel package's meshing grid (occupancy in [0, 1], C order, cell
 * (d, h, w) the unit cube at world (x = d, y = h, z = w), Y up).
 */
export type { VoxelGrid };

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
