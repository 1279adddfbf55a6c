import { BufferGeometry, Float32BufferAttribute } from 'three';
import { OCCUPIED, type VoxelBatch } from '../formats/VoxelBatch.js';

/** The six face directions of a voxel and the four corners of each face (counter-clockwise seen from outside). */
const FACES: { normal: [number, number, number]; corners: [number, number, number][] }[] = [
  { normal: [-1, 0, 0], corners: [[0, 0, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0]] },
  { normal: [1, 0, 0], corners: [[1, 0, 0], [1, 1, 0], [1, 1, 1], [1, 0, 1]] },
  { normal: [0, -1, 0], corners: [[0, 0, 0], [1, 0, 0], [1, 0, 1], [0, 0, 1]] },
  { normal: [0, 1, 0], corners: [[0, 1, 0], [0, 1, 1], [1, 1, 1], [1, 1, 0]] },
  { normal: [0, 0, -1], corners: [[0, 0, 0], [0, 1, 0], [1, 1, 0], [1, 0, 0]] },
  { normal: [0, 0, 1], corners: [[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]] },
];

/**
 * The visible faces of a grid's filled voxels (occupancy ≥ `threshold`) as a three.js geometry: one quad wherever a
 * filled voxel meets an empty one or the grid's edge ("culled cubes"). Voxel (d, h, w) is the cube
 * [d, d+1] × [h, h+1] × [w, w+1] in world units (x, y, z), Y up.
 * @param grid [1, D, H, W]
 */
export function cubesGeometry(grid: VoxelBatch, threshold = OCCUPIED): BufferGeometry {
  const [, D, H, W] = grid.shape;
  const filled = (d: number, h: number, w: number): boolean =>
    d >= 0 && h >= 0 && w >= 0 && d < D && h < H && w < W && grid.data[(d * H + h) * W + w] >= threshold;
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  for (let d = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        if (!filled(d, h, w)) continue;
        for (const f of FACES) {
          if (filled(d + f.normal[0], h + f.normal[1], w + f.normal[2])) continue;
          const base = positions.length / 3;
          for (const c of f.corners) {
            positions.push(d + c[0], h + c[1], w + c[2]);
            normals.push(...f.normal);
          }
          indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
        }
      }
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  geometry.setAttribute('normal', new Float32BufferAttribute(normals, 3));
  geometry.setIndex(indices);
  return geometry;
}
