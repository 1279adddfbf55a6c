// Test harness: voxel grids with known contents, written with the voxel package's own encoders.
import { writeFileSync } from 'node:fs';
import { encodeVoxelFile } from '@ebm/voxel/formats';

/** A grid batch [N, D, H, W] of occupancies in C order. */
export interface GridBatch {
  shape: [number, number, number, number];
  data: Float32Array;
}

/** Writes a batch as .npy, .binvox or .vox (by the file's extension). */
export function writeGrid(file: string, batch: GridBatch): void {
  writeFileSync(file, encodeVoxelFile(file, batch));
}

/** One grid [1, D, H, W] with value(d, h, w) in each cell. */
export function gridFrom(D: number, H: number, W: number, value: (d: number, h: number, w: number) => number): GridBatch {
  const data = new Float32Array(D * H * W);
  for (let d = 0; d < D; d++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) data[(d * H + h) * W + w] = value(d, h, w);
  return { shape: [1, D, H, W], data };
}

/** Cells with value ≥ t (the viewer's rule for "drawn"), optionally only d < dEnd. */
export function countAtLeast(batch: GridBatch, t: number, n = 0, dEnd = batch.shape[1]): number {
  const [, D, H, W] = batch.shape;
  const size = D * H * W;
  let count = 0;
  for (let d = 0; d < dEnd; d++) for (let i = d * H * W; i < (d + 1) * H * W; i++) if (batch.data[n * size + i] >= t) count++;
  return count;
}

/**
 * An asymmetric letter-F shape in a 12³ grid, some of its parts at different depths along w, so its projection
 * along w (the view down the z axis) is the union over w and mirror or axis mix-ups show.
 */
export function letterF(): GridBatch {
  return gridFrom(12, 12, 12, (d, h, w) => {
    const stem = d >= 2 && d < 4 && h >= 1 && h < 11 && w >= 4 && w < 8;
    const top = d >= 4 && d < 10 && h >= 8 && h < 11 && w >= 2 && w < 6;
    const middle = d >= 4 && d < 8 && h >= 4 && h < 6 && w >= 6 && w < 11;
    const corner = d === 9 && h === 1 && w === 0;
    return stem || top || middle || corner ? 1 : 0;
  });
}

/** The projection of grid 0 of a batch along w: filled[d][h] when any cell (d, h, ·) is ≥ t. */
export function projectAlongW(batch: GridBatch, t = 0.5): boolean[][] {
  const [, D, H, W] = batch.shape;
  const out: boolean[][] = [];
  for (let d = 0; d < D; d++) {
    out.push([]);
    for (let h = 0; h < H; h++) {
      let any = false;
      for (let w = 0; w < W && !any; w++) any = batch.data[(d * H + h) * W + w] >= t;
      out[d].push(any);
    }
  }
  return out;
}
