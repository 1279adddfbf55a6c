import type { VoxelGrid } from './VoxelGrid.js';

/** The exposed faces of a grid's filled cells as an indexed triangle list, in grid units (cell d spans [d, d+1]). */
export interface CubeFaces {
  /** [V·3] corner positions, world x = d, y = h, z = w. */
  positions: Float32Array;
  /** [V·3] face normals (unit axis vectors). */
  normals: Float32Array;
  /** [V] ambient occlusion at each corner in (0, 1]: 1 = open, lower where neighbouring cells close it in. */
  occlusion: Float32Array;
  /** [F·2·3] two triangles per face, counter-clockwise seen from outside. */
  indices: Uint32Array;
  /** Cells drawn: occupancy ≥ threshold and inside the slice box. */
  drawnVoxels: number;
  /** Faces emitted (only those not shared by two drawn cells). */
  faces: number;
}

/** Corner shade by how many of the 3 cells around it (two sides, one diagonal) are filled. */
const AO_SHADE = [1, 0.82, 0.68, 0.55];

/**
 * Culled cubes: one quad per cell face that does not touch another drawn cell, with per-corner ambient occlusion
 * so the form reads under any light. Hot loop over flat arrays; cost O(D·H·W).
 * @param threshold a cell is drawn when its occupancy ≥ threshold
 * @param box exclusive ends [dEnd, hEnd, wEnd] of the cells kept by slicing (default: the whole grid)
 */
export function culledCubes(grid: VoxelGrid, threshold: number, box: readonly [number, number, number] = grid.shape): CubeFaces {
  const [D, H, W] = grid.shape;
  const [dEnd, hEnd, wEnd] = box;
  const src = grid.data;
  const filled = new Uint8Array(D * H * W);
  let drawnVoxels = 0;
  for (let d = 0; d < dEnd; d++) {
    for (let h = 0; h < hEnd; h++) {
      const row = (d * H + h) * W;
      for (let w = 0; w < wEnd; w++) {
        if (src[row + w] >= threshold) {
          filled[row + w] = 1;
          drawnVoxels++;
        }
      }
    }
  }
  const size = [D, H, W];
  const at = (c0: number, c1: number, c2: number): number =>
    c0 < 0 || c1 < 0 || c2 < 0 || c0 >= D || c1 >= H || c2 >= W ? 0 : filled[(c0 * H + c1) * W + c2];

  // Count first, then fill exactly sized arrays.
  let faces = 0;
  const c = [0, 0, 0];
  forEachExposedFace(filled, size, at, c, () => faces++);
  const positions = new Float32Array(faces * 12);
  const normals = new Float32Array(faces * 12);
  const occlusion = new Float32Array(faces * 4);
  const indices = new Uint32Array(faces * 6);
  let f = 0;
  const n = [0, 0, 0];
  const p = [0, 0, 0];
  const ao = [0, 0, 0, 0];
  forEachExposedFace(filled, size, at, c, (axis, sign) => {
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    n[0] = n[1] = n[2] = 0;
    n[axis] = sign;
    for (let k = 0; k < 4; k++) {
      const cu = k === 1 || k === 2 ? 1 : 0;
      const cv = k >= 2 ? 1 : 0;
      p[0] = c[0];
      p[1] = c[1];
      p[2] = c[2];
      p[axis] += sign > 0 ? 1 : 0;
      p[u] += cu;
      p[v] += cv;
      const o = (f * 4 + k) * 3;
      positions[o] = p[0];
      positions[o + 1] = p[1];
      positions[o + 2] = p[2];
      normals[o] = n[0];
      normals[o + 1] = n[1];
      normals[o + 2] = n[2];
      // The layer of cells in front of the face: two side neighbours of this corner and the diagonal one.
      p[0] = c[0];
      p[1] = c[1];
      p[2] = c[2];
      p[axis] += sign;
      const du = cu ? 1 : -1;
      const dv = cv ? 1 : -1;
      p[u] += du;
      const s1 = at(p[0], p[1], p[2]);
      p[v] += dv;
      const corner = at(p[0], p[1], p[2]);
      p[u] -= du;
      const s2 = at(p[0], p[1], p[2]);
      ao[k] = s1 && s2 ? 3 : s1 + s2 + corner;
      occlusion[f * 4 + k] = AO_SHADE[ao[k]];
    }
    const b = f * 4;
    const i = f * 6;
    // Split the quad along the diagonal with the lighter corners, so occlusion interpolates without a crease.
    const flip = ao[0] + ao[2] > ao[1] + ao[3];
    const tri = sign > 0 ? (flip ? [1, 2, 3, 1, 3, 0] : [0, 1, 2, 0, 2, 3]) : flip ? [1, 3, 2, 1, 0, 3] : [0, 2, 1, 0, 3, 2];
    for (let t = 0; t < 6; t++) indices[i + t] = b + tri[t];
    f++;
  });
  return { positions, normals, occlusion, indices, drawnVoxels, faces };
}

/** Calls `emit(axis, sign)` with `c` set to the cell for every face of a filled cell whose neighbour is empty. */
function forEachExposedFace(
  filled: Uint8Array,
  size: readonly number[],
  at: (c0: number, c1: number, c2: number) => number,
  c: number[],
  emit: (axis: number, sign: number) => void,
): void {
  const [D, H, W] = size;
  for (let d = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      const row = (d * H + h) * W;
      for (let w = 0; w < W; w++) {
        if (!filled[row + w]) continue;
        c[0] = d;
        c[1] = h;
        c[2] = w;
        if (!at(d - 1, h, w)) emit(0, -1);
        if (!at(d + 1, h, w)) emit(0, 1);
        if (!at(d, h - 1, w)) emit(1, -1);
        if (!at(d, h + 1, w)) emit(1, 1);
        if (!at(d, h, w - 1)) emit(2, -1);
        if (!at(d, h, w + 1)) emit(2, 1);
      }
    }
  }
}
