import type { BufferGeometry } from 'three';
import { OCCUPIED, type VoxelBatch } from '../formats/VoxelBatch.js';
import { culledCubes } from './culledCubes.js';
import { meshGeometry, type MeshGeometryOptions } from './meshGeometry.js';
import { gridOf, type VoxelGrid } from './VoxelGrid.js';

/**
 * The visible faces of a grid's filled cells (occupancy ≥ `threshold`) as a three.js geometry: {@link culledCubes}
 * (one quad wherever a filled cell meets an empty one or the grid's edge) through {@link meshGeometry}. Cell
 * (d, h, w) is the cube [d, d+1] × [h, h+1] × [w, w+1] in world units (x, y, z), Y up.
 * @param grid [D, H, W], or a batch whose first grid is meshed
 */
export function cubesGeometry(grid: VoxelGrid | VoxelBatch, threshold = OCCUPIED, options: MeshGeometryOptions = {}): BufferGeometry {
  return meshGeometry(culledCubes(gridOf(grid), threshold), options);
}
