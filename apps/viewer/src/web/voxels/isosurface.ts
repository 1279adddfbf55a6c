import type { Material } from 'three';
import { MarchingCubes } from 'three/addons/objects/MarchingCubes.js';
import type { VoxelGrid } from './VoxelGrid.js';

/** Zero cells around the data so the surface closes at the grid's border (three's MarchingCubes skips its outer layer). */
const PAD = 2;

/**
 * A marching-cubes isosurface of the grid at `threshold` (three's MarchingCubes), placed in grid units like the
 * culled cubes: the field sample of cell (d, h, w) sits at the cell's centre (d + ½, h + ½, w + ½).
 * @param box exclusive ends of the cells kept by slicing; the rest counts as empty, so the cut is closed
 * @param exposedFaces the culled-cube face count of the same grid, to size the triangle buffers
 */
export function isosurface(grid: VoxelGrid, threshold: number, box: readonly [number, number, number], exposedFaces: number, material: Material): MarchingCubes {
  const [D, H, W] = grid.shape;
  const size = Math.max(D, H, W) + 2 * PAD;
  // Each face between a filled and an empty cell is crossed by the surface; about two triangles each.
  const mc = new MarchingCubes(size, material, false, false, 3 * exposedFaces + 1024);
  const field = mc.field as Float32Array;
  const src = grid.data;
  const s2 = size * size;
  for (let d = 0; d < box[0]; d++) {
    for (let h = 0; h < box[1]; h++) {
      const row = (d * H + h) * W;
      // MarchingCubes indexes x + y·size + z·size²; x = d, y = h, z = w.
      const base = d + PAD + (h + PAD) * size;
      for (let w = 0; w < box[2]; w++) field[base + (w + PAD) * s2] = src[row + w];
    }
  }
  mc.isolation = threshold;
  mc.update();
  // Its vertices lie in [−1, 1]: field index i ↦ (i − size/2)/(size/2); put index d + PAD at d + ½.
  const half = size / 2;
  mc.scale.setScalar(half);
  mc.position.setScalar(half - PAD + 0.5);
  return mc;
}
