import { OCCUPIED, type VoxelBatch } from '../VoxelBatch.js';
import { VoxelFormatError } from '../VoxelFormatError.js';

/** Header values of a .binvox file kept by {@link encodeBinvox}: where the grid sits in the model's units. */
export interface BinvoxPlacement {
  /** Model coordinates of the grid's corner; default [0, 0, 0]. */
  translate?: [number, number, number];
  /** Edge length of the whole grid in model units; default 1. */
  scale?: number;
}

/** Largest grid read (512³ voxels). */
const MAX_VOXELS = 512 ** 3;

/** Longest header binvox writes is a few lines; anything past this without 'data' is not a binvox file. */
const MAX_HEADER = 1024;

/**
 * Decodes a .binvox file (Patrick Min's binvox: a text header, then run-length pairs of value and count).
 * binvox stores x slowest, then z, then y (y fastest), with `dim` giving the stored extents; the grid returned is
 * [1, D, H, W] = (x, y, z) of the model, Y up.
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and the problem
 */
export function decodeBinvox(bytes: Uint8Array, file: string): VoxelBatch {
  let end = -1;
  const limit = Math.min(bytes.length, MAX_HEADER);
  let text = '';
  for (let i = 0; i < limit; i++) text += String.fromCharCode(bytes[i]);
  if (!text.startsWith('#binvox')) throw new VoxelFormatError(`${file} is not a .binvox file (it does not start with '#binvox')`);
  const match = /(^|\n)data\r?\n/.exec(text);
  if (!match) throw new VoxelFormatError(`${file} is truncated or not a .binvox file: no 'data' line ends its header`);
  end = match.index + match[0].length;
  const dims = /\ndim\s+(\d+)\s+(\d+)\s+(\d+)/.exec(text.slice(0, end));
  if (!dims) throw new VoxelFormatError(`${file}: the header has no 'dim' line with three sizes`);
  const [d1, d2, d3] = [Number(dims[1]), Number(dims[2]), Number(dims[3])];
  const total = d1 * d2 * d3;
  if (total === 0 || total > MAX_VOXELS) throw new VoxelFormatError(`${file}: dim ${d1} ${d2} ${d3} is not a usable grid size (1 to ${MAX_VOXELS} voxels)`);
  const coverable = Math.floor((bytes.length - end) / 2) * 255;
  if (coverable < total) throw new VoxelFormatError(`${file} is truncated: ${bytes.length - end} bytes of runs cannot cover the ${total} voxels of dim ${d1} ${d2} ${d3}`);
  const stored = new Uint8Array(total);
  let filled = 0;
  let i = end;
  for (; i + 1 < bytes.length && filled < total; i += 2) {
    const value = bytes[i];
    const count = bytes[i + 1];
    if (filled + count > total) throw new VoxelFormatError(`${file}: a run of ${count} voxels at byte ${i} overflows the ${d1}×${d2}×${d3} grid`);
    if (value !== 0) stored.fill(1, filled, filled + count);
    filled += count;
  }
  if (filled < total) throw new VoxelFormatError(`${file} is truncated: its runs cover ${filled} of the ${total} voxels of dim ${d1} ${d2} ${d3}`);
  // stored[x][z][y] → grid[x][y][z]
  const [D, H, W] = [d1, d3, d2];
  const data = new Float32Array(total);
  for (let x = 0; x < D; x++) {
    for (let z = 0; z < W; z++) {
      const src = (x * d2 + z) * d3;
      for (let y = 0; y < H; y++) data[(x * H + y) * W + z] = stored[src + y];
    }
  }
  return { shape: [1, D, H, W], data };
}

/**
 * Encodes one grid as .binvox (voxels at or above {@link OCCUPIED} are filled).
 * @param grid a batch of one, [1, D, H, W]
 * @throws VoxelFormatError for a batch of more than one grid
 */
export function encodeBinvox(grid: VoxelBatch, placement: BinvoxPlacement = {}): Uint8Array {
  const [n, D, H, W] = grid.shape;
  if (n !== 1) throw new VoxelFormatError(`a .binvox file holds one grid, not ${n} (write them one by one)`);
  const t = placement.translate ?? [0, 0, 0];
  const header = `#binvox 1\ndim ${D} ${W} ${H}\ntranslate ${t[0]} ${t[1]} ${t[2]}\nscale ${placement.scale ?? 1}\ndata\n`;
  const runs: number[] = [];
  let value = -1;
  let count = 0;
  for (let x = 0; x < D; x++) {
    for (let z = 0; z < W; z++) {
      for (let y = 0; y < H; y++) {
        const v = grid.data[(x * H + y) * W + z] >= OCCUPIED ? 1 : 0;
        if (v === value && count < 255) count++;
        else {
          if (count > 0) runs.push(value, count);
          value = v;
          count = 1;
        }
      }
    }
  }
  if (count > 0) runs.push(value, count);
  const out = new Uint8Array(header.length + runs.length);
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
  out.set(runs, header.length);
  return out;
}
