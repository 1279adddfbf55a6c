import type { CellBox, VoxelGrid } from './VoxelGrid.js';

/** An isosurface as an indexed triangle list, in grid units (cell d spans [d, d+1], its sample at d + ½). */
export interface SurfaceMesh {
  /** [V·3] vertex positions, world x = d, y = h, z = w. */
  positions: Float32Array;
  /** [V·3] unit vertex normals (area-weighted means of the faces around each vertex), pointing out of the solid. */
  normals: Float32Array;
  /** [T·3] triangles, counter-clockwise seen from outside. */
  indices: Uint32Array;
  /** Cells inside the surface: occupancy ≥ threshold and inside the slice box. */
  drawnVoxels: number;
}

/** Corner k of a cell of samples: bit 0 steps along d, bit 1 along h, bit 2 along w. */
const EDGES: readonly [number, number][] = [];
for (let a = 0; a < 8; a++) for (let bit = 0; bit < 3; bit++) if (!(a & (1 << bit))) (EDGES as [number, number][]).push([a, a | (1 << bit)]);

/**
 * The isosurface occupancy = `threshold` of a grid by naive surface nets (Gibson 1998): the field is sampled at the
 * cell centres; every block of 2×2×2 samples that the level crosses gets one vertex, at the mean of the crossings
 * on its edges (linear interpolation), and every crossed edge between two neighbouring samples gets a quad joining
 * the four blocks around it. Smoother than culled cubes for soft (float) grids; closed, since the grid is padded
 * with empty cells (a 0/1 grid at threshold ½ puts the surface on the cubes' faces between samples). Cost
 * O(D·H·W + triangles), flat typed arrays.
 * @param threshold a cell is inside when its occupancy ≥ threshold
 * @param box exclusive ends of the cells kept by slicing (default: the whole grid); the rest counts as empty, so the
 *   cut is closed
 */
export function surfaceNets(grid: VoxelGrid, threshold: number, box: CellBox = grid.shape): SurfaceMesh {
  const [, H, W] = grid.shape;
  const [bD, bH, bW] = box;
  // Padded samples: (i, j, k) holds cell (i − 1, j − 1, k − 1); the padding and the cut-off cells are empty.
  const [PD, PH, PW] = [bD + 2, bH + 2, bW + 2];
  const sD = PH * PW;
  const sH = PW;
  const empty = threshold > 0 ? 0 : threshold - 1;
  const value = new Float32Array(PD * sD).fill(empty);
  const inside = new Uint8Array(PD * sD);
  const src = grid.data;
  let drawnVoxels = 0;
  for (let d = 0; d < bD; d++) {
    for (let h = 0; h < bH; h++) {
      const row = (d * H + h) * W;
      const prow = (d + 1) * sD + (h + 1) * sH + 1;
      for (let w = 0; w < bW; w++) {
        const v = src[row + w];
        value[prow + w] = v;
        if (v >= threshold) {
          inside[prow + w] = 1;
          drawnVoxels++;
        }
      }
    }
  }
  // Blocks of samples: block (i, j, k) has corners (i + a, j + b, k + c), a, b, c ∈ {0, 1}.
  const [CD, CH, CW] = [PD - 1, PH - 1, PW - 1];
  const cD = CH * CW;
  const cH = CW;
  const corner = [0, sD, sH, sD + sH, 1, sD + 1, sH + 1, sD + sH + 1];
  const blockVertex = new Int32Array(CD * cD).fill(-1);
  let vertices = 0;
  for (let i = 0; i < CD; i++) {
    for (let j = 0; j < CH; j++) {
      for (let k = 0; k < CW; k++) {
        const p = i * sD + j * sH + k;
        let n = 0;
        for (let a = 0; a < 8; a++) n += inside[p + corner[a]];
        if (n > 0 && n < 8) blockVertex[i * cD + j * cH + k] = vertices++;
      }
    }
  }
  const positions = new Float32Array(vertices * 3);
  for (let i = 0; i < CD; i++) {
    for (let j = 0; j < CH; j++) {
      for (let k = 0; k < CW; k++) {
        const vi = blockVertex[i * cD + j * cH + k];
        if (vi < 0) continue;
        const p = i * sD + j * sH + k;
        let x = 0;
        let y = 0;
        let z = 0;
        let crossings = 0;
        for (const [a, b] of EDGES) {
          if (inside[p + corner[a]] === inside[p + corner[b]]) continue;
          const v0 = value[p + corner[a]];
          const t = (threshold - v0) / (value[p + corner[b]] - v0);
          const along = a ^ b;
          x += (a & 1) + (along === 1 ? t : 0);
          y += ((a >> 1) & 1) + (along === 2 ? t : 0);
          z += ((a >> 2) & 1) + (along === 4 ? t : 0);
          crossings++;
        }
        // Sample (i, j, k) sits at world (i − ½, j − ½, k − ½): the padding shifts by one cell.
        positions[3 * vi] = i - 0.5 + x / crossings;
        positions[3 * vi + 1] = j - 0.5 + y / crossings;
        positions[3 * vi + 2] = k - 0.5 + z / crossings;
      }
    }
  }
  // One quad per crossed edge p → p + e(axis), joining the blocks p − {0, 1}·e(u) − {0, 1}·e(v), u = axis + 1,
  // v = axis + 2 (mod 3). Both ends of such an edge have their u and v coordinates in 1…n, so all four blocks exist.
  const sampleStride = [sD, sH, 1];
  const blockStride = [cD, cH, 1];
  let quads = 0;
  for (let axis = 0; axis < 3; axis++) forEachCrossedEdge(axis, () => quads++);
  const indices = new Uint32Array(quads * 6);
  let o = 0;
  for (let axis = 0; axis < 3; axis++) {
    const bu = blockStride[(axis + 1) % 3];
    const bv = blockStride[(axis + 2) % 3];
    forEachCrossedEdge(axis, (p, b) => {
      // Counter-clockwise seen from +axis: (−u, −v), (0, −v), (0, 0), (−u, 0).
      const c0 = blockVertex[b - bu - bv];
      const c1 = blockVertex[b - bv];
      const c2 = blockVertex[b];
      const c3 = blockVertex[b - bu];
      const outward = inside[p] === 1;
      indices[o] = c0;
      indices[o + 1] = outward ? c1 : c2;
      indices[o + 2] = outward ? c2 : c1;
      indices[o + 3] = c0;
      indices[o + 4] = outward ? c2 : c3;
      indices[o + 5] = outward ? c3 : c2;
      o += 6;
    });
  }
  return { positions, normals: vertexNormals(positions, indices), indices, drawnVoxels };

  /** Calls `visit(sample, block)` for every sample p whose edge to p + e(axis) crosses the level. */
  function forEachCrossedEdge(axis: number, visit: (p: number, b: number) => void): void {
    const step = sampleStride[axis];
    const [iEnd, jEnd, kEnd] = [PD - (axis === 0 ? 1 : 0), PH - (axis === 1 ? 1 : 0), PW - (axis === 2 ? 1 : 0)];
    for (let i = 0; i < iEnd; i++) {
      for (let j = 0; j < jEnd; j++) {
        const row = i * sD + j * sH;
        const brow = i * cD + j * cH;
        for (let k = 0; k < kEnd; k++) if (inside[row + k] !== inside[row + k + step]) visit(row + k, brow + k);
      }
    }
  }
}

/** Area-weighted vertex normals of an indexed triangle list, normalised. */
function vertexNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const normals = new Float32Array(positions.length);
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t];
    const b = 3 * indices[t + 1];
    const c = 3 * indices[t + 2];
    const e1x = positions[b] - positions[a];
    const e1y = positions[b + 1] - positions[a + 1];
    const e1z = positions[b + 2] - positions[a + 2];
    const e2x = positions[c] - positions[a];
    const e2y = positions[c + 1] - positions[a + 1];
    const e2z = positions[c + 2] - positions[a + 2];
    const nx = e1y * e2z - e1z * e2y;
    const ny = e1z * e2x - e1x * e2z;
    const nz = e1x * e2y - e1y * e2x;
    for (const v of [a, b, c]) {
      normals[v] += nx;
      normals[v + 1] += ny;
      normals[v + 2] += nz;
    }
  }
  for (let v = 0; v < normals.length; v += 3) {
    const len = Math.hypot(normals[v], normals[v + 1], normals[v + 2]) || 1;
    normals[v] /= len;
    normals[v + 1] /= len;
    normals[v + 2] /= len;
  }
  return normals;
}
