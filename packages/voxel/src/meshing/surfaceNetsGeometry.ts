import type { BufferGeometry } from 'three';
import { OCCUPIED, type VoxelBatch } from '../formats/VoxelBatch.js';
import { meshGeometry } from './meshGeometry.js';
import { surfaceNets } from './surfaceNets.js';
import { gridOf, type VoxelGrid } from './VoxelGrid.js';

/**
 * The isosurface occupancy = `threshold` of a grid ({@link surfaceNets}) as a three.js geometry with vertex normals.
 * Cell centres are at (d + ½, h + ½, w + ½), as in {@link cubesGeometry}.
 * @param grid [D, H, W], or a batch whose first grid is meshed
 */
export function surfaceNetsGeometry(grid: VoxelGrid | VoxelBatch, threshold = OCCUPIED): BufferGeometry {
  return meshGeometry(surfaceNets(gridOf(grid), threshold));
}
