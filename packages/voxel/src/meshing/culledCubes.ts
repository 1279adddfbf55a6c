import type { CellBox, VoxelGrid } from './VoxelGrid.js';

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
 * Face f (0…5) = axis ⌊f/2⌋, sign −1 for even f, +1 for odd. Corner k of a face: (cu, cv) = (0,0), (1,0), (1,1),
 * (0,1) along the face's two other axes u = axis + 1, v = axis + 2 (mod 3), so the corners run counter-clockwise
 * seen from the + side.
 */
const CORNER_UV: readonly [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

/** Corner offsets [f][k] → [dx, dy, dz] from the cell's low corner. */
const CORNER_OFFSET: number[][][] = [];
for (let f = 0; f < 6; f++) {
  const axis = f >> 1;
  const u = (axis + 1) % 3;
  const v = (axis + 2) % 3;
  CORNER_OFFSET.push(
    CORNER_UV.map(([cu, cv]) => {
      const o = [0, 0, 0];
      o[axis] = f & 1;
      o[u] = cu;
      o[v] = cv;
      return o;
    }),
  );
}

/** Index order of the two triangles: [sign +][flip], [sign −][flip] (flip splits along the other diagonal). */
const TRIANGLES = [
  [
    [0, 2, 1, 0, 3, 2],
    [1, 3, 2, 1, 0, 3],
  ],
  [
    [0, 1, 2, 0, 2, 3],
    [1, 2, 3, 1, 3, 0],
  ],
];

/**
 * Culled cubes: one quad per cell face that does not touch another drawn cell (so the mesh encloses exactly the
 * drawn cells, faces wound outward), with per-corner ambient occlusion so the form reads under any light. Two
 * passes (count, fill) over a zero-padded mask with precomputed neighbour offsets: no bounds checks, no allocation
 * per face. Cost O(D·H·W + faces).
 * @param threshold a cell is drawn when its occupancy ≥ threshold
 * @param box exclusive ends [dEnd, hEnd, wEnd] of the cells kept by slicing (default: the whole grid); the cut is
 *   closed with faces
 */
export function culledCubes(grid: VoxelGrid, threshold: number, box: CellBox = grid.shape): CubeFaces {
  const [D, H, W] = grid.shape;
  const [dEnd, hEnd, wEnd] = box;
  const src = grid.data;
  // Mask with one empty cell of padding on every side: neighbours of border cells read 0.
  const sw = 1;
  const sh = W + 2;
  const sd = (H + 2) * (W + 2);
  const stride = [sd, sh, sw];
  const mask = new Uint8Array((D + 2) * sd);
  let drawnVoxels = 0;
  for (let d = 0; d < dEnd; d++) {
    for (let h = 0; h < hEnd; h++) {
      const row = (d * H + h) * W;
      const prow = (d + 1) * sd + (h + 1) * sh + 1;
      for (let w = 0; w < wEnd; w++) {
        if (src[row + w] >= threshold) {
          mask[prow + w] = 1;
          drawnVoxels++;
        }
      }
    }
  }
  // Per face: the neighbour's offset; per corner: the offsets of the two side cells and the diagonal one in front.
  const front = new Int32Array(6);
  const aoOffsets = new Int32Array(6 * 4 * 3);
  for (let f = 0; f < 6; f++) {
    const axis = f >> 1;
    const u = (axis + 1) % 3;
    const v = (axis + 2) % 3;
    front[f] = (f & 1 ? 1 : -1) * stride[axis];
    for (let k = 0; k < 4; k++) {
      const du = (CORNER_UV[k][0] ? 1 : -1) * stride[u];
      const dv = (CORNER_UV[k][1] ? 1 : -1) * stride[v];
      const o = (f * 4 + k) * 3;
      aoOffsets[o] = front[f] + du;
      aoOffsets[o + 1] = front[f] + dv;
      aoOffsets[o + 2] = front[f] + du + dv;
    }
  }

  // Pass 1: count the faces and list the cells that have any.
  let faces = 0;
  const cells = new Int32Array(drawnVoxels);
  let cellCount = 0;
  for (let d = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      const prow = (d + 1) * sd + (h + 1) * sh + 1;
      for (let w = 0; w < W; w++) {
        const i = prow + w;
        if (!mask[i]) continue;
        let exposed = 0;
        for (let f = 0; f < 6; f++) if (!mask[i + front[f]]) exposed++;
        if (exposed > 0) cells[cellCount++] = i;
        faces += exposed;
      }
    }
  }

  // Pass 2: write them, cell by cell (d, h, w recovered from the padded index).
  const positions = new Float32Array(faces * 12);
  const normals = new Float32Array(faces * 12);
  const occlusion = new Float32Array(faces * 4);
  const indices = new Uint32Array(faces * 6);
  const ao = [0, 0, 0, 0];
  let n = 0;
  for (let c = 0; c < cellCount; c++) {
    const i = cells[c];
    const d = Math.floor(i / sd) - 1;
    const h = Math.floor((i % sd) / sh) - 1;
    const w = (i % sh) - 1;
    for (let f = 0; f < 6; f++) {
      if (mask[i + front[f]]) continue;
      const axis = f >> 1;
      const sign = f & 1 ? 1 : -1;
      const corners = CORNER_OFFSET[f];
      for (let k = 0; k < 4; k++) {
        const o = (n * 4 + k) * 3;
        const corner = corners[k];
        positions[o] = d + corner[0];
        positions[o + 1] = h + corner[1];
        positions[o + 2] = w + corner[2];
        normals[o + axis] = sign;
        const a = (f * 4 + k) * 3;
        const s1 = mask[i + aoOffsets[a]];
        const s2 = mask[i + aoOffsets[a + 1]];
        ao[k] = s1 && s2 ? 3 : s1 + s2 + mask[i + aoOffsets[a + 2]];
        occlusion[n * 4 + k] = AO_SHADE[ao[k]];
      }
      // Split the quad along the diagonal with the lighter corners, so occlusion interpolates without a crease.
      const tri = TRIANGLES[f & 1][ao[0] + ao[2] > ao[1] + ao[3] ? 1 : 0];
      const b = n * 4;
      const t = n * 6;
      for (let j = 0; j < 6; j++) indices[t + j] = b + tri[j];
      n++;
    }
  }
  return { positions, normals, occlusion, indices, drawnVoxels, faces };
}
