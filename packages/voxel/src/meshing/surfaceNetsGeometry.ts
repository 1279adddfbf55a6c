import { BufferGeometry, Float32BufferAttribute } from 'three';
import { OCCUPIED, type VoxelBatch } from '../formats/VoxelBatch.js';

/**
 * The isosurface occupancy = `threshold` of a grid by naive surface nets (Gibson 1998): one vertex per 2×2×2 block
 * of voxel centres that the surface crosses, at the mean of the crossings on its edges (linear interpolation), and
 * one quad per crossed edge between neighbouring voxel centres. Smoother than cubes for soft (float) grids; closed,
 * since the grid is padded with empty voxels. Voxel centres are at (d + ½, h + ½, w + ½), as in
 * {@link cubesGeometry}. Normals are computed by three.
 * @param grid [1, D, H, W]
 */
export function surfaceNetsGeometry(grid: VoxelBatch, threshold = OCCUPIED): BufferGeometry {
  const [, D, H, W] = grid.shape;
  // Padded field: index (d + 1, h + 1, w + 1) in a (D + 2)(H + 2)(W + 2) block, empty outside.
  const [PD, PH, PW] = [D + 2, H + 2, W + 2];
  const field = new Float32Array(PD * PH * PW).fill(-threshold);
  for (let d = 0; d < D; d++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) field[((d + 1) * PH + h + 1) * PW + w + 1] = grid.data[(d * H + h) * W + w] - threshold;
  for (let i = 0; i < field.length; i++) if (field[i] === 0) field[i] = 1e-6; // exactly on the level counts as inside
  const at = (d: number, h: number, w: number): number => (d >= 0 && h >= 0 && w >= 0 && d < PD && h < PH && w < PW ? field[(d * PH + h) * PW + w] : -threshold);
  // Cells: the blocks between padded centres c and c + 1 on each axis, (PD − 1)(PH − 1)(PW − 1) of them.
  const [CD, CH, CW] = [PD - 1, PH - 1, PW - 1];
  const vertexOf = new Int32Array(CD * CH * CW).fill(-1);
  const positions: number[] = [];
  const corner = [0, 0, 0];
  for (let d = 0; d < CD; d++) {
    for (let h = 0; h < CH; h++) {
      for (let w = 0; w < CW; w++) {
        let sum = [0, 0, 0];
        let crossings = 0;
        for (let a = 0; a < 8; a++) {
          for (const axis of [0, 1, 2]) {
            if (a & (1 << axis)) continue; // each edge once, from its lower corner
            corner[0] = a & 1;
            corner[1] = (a >> 1) & 1;
            corner[2] = (a >> 2) & 1;
            const v0 = at(d + corner[0], h + corner[1], w + corner[2]);
            corner[axis] = 1;
            const v1 = at(d + corner[0], h + corner[1], w + corner[2]);
            if (v0 > 0 === v1 > 0) continue;
            const t = v0 / (v0 - v1);
            corner[axis] = t;
            sum = [sum[0] + corner[0], sum[1] + corner[1], sum[2] + corner[2]];
            crossings++;
          }
        }
        if (crossings === 0) continue;
        vertexOf[(d * CH + h) * CW + w] = positions.length / 3;
        // Padded centre c sits at world c − ½ (the padding shifts by one voxel).
        positions.push(d + sum[0] / crossings - 0.5, h + sum[1] / crossings - 0.5, w + sum[2] / crossings - 0.5);
      }
    }
  }
  const indices: number[] = [];
  const cell = (d: number, h: number, w: number): number => vertexOf[(d * CH + h) * CW + w];
  // Each crossed edge between padded centres p and p + e(axis) is surrounded by the 4 cells that share it.
  for (let d = 0; d < PD; d++) {
    for (let h = 0; h < PH; h++) {
      for (let w = 0; w < PW; w++) {
        const v0 = at(d, h, w);
        for (const axis of [0, 1, 2]) {
          const e = [d, h, w];
          e[axis]++;
          if (e[axis] >= [PD, PH, PW][axis]) continue;
          const v1 = at(e[0], e[1], e[2]);
          if (v0 > 0 === v1 > 0) continue;
          const u = (axis + 1) % 3;
          const v = (axis + 2) % 3;
          const base = [d, h, w];
          const quad: number[] = [];
          for (const [du, dv] of [[0, 0], [1, 0], [1, 1], [0, 1]]) {
            const c = [...base];
            c[u] -= 1 - du;
            c[v] -= 1 - dv;
            if (c.some((x, k) => x < 0 || x >= [CD, CH, CW][k])) break;
            quad.push(cell(c[0], c[1], c[2]));
          }
          if (quad.length < 4 || quad.some((q) => q < 0)) continue;
          // Face outward: from inside (positive) towards outside.
          if (v0 > 0) indices.push(quad[0], quad[1], quad[2], quad[0], quad[2], quad[3]);
          else indices.push(quad[0], quad[2], quad[1], quad[0], quad[3], quad[2]);
        }
      }
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  geometry.setIndex(indices);
  geometry.computeVertexNormals();
  return geometry;
}
