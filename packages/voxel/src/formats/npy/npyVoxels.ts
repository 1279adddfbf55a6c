import { decodeNpy, encodeNpy, NpyError, type NpyDtype } from '@ebm/core/npy';
import { OCCUPIED, type VoxelBatch } from '../VoxelBatch.js';
import { VoxelFormatError } from '../VoxelFormatError.js';

/** Options of {@link encodeNpyVoxels}. */
export interface NpyVoxelOptions {
  /**
   * Element type: 'float32' (default) and 'float64' keep occupancies as they are; 'bool' and 'uint8' store 0/1,
   * filled where occupancy ≥ 0.5.
   */
  dtype?: NpyDtype;
  /** Store in Fortran order (first index fastest); default false (C order). */
  fortranOrder?: boolean;
}

/**
 * Decodes a NumPy .npy voxel grid: [D, H, W] (one grid), [N, D, H, W] (a batch) or [N, 1, D, H, W] (the network's
 * layout); bool, uint8, float32 or float64 (int32/int64 too), C or Fortran order. Values must be occupancies in [0, 1].
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and the problem
 */
export function decodeNpyVoxels(bytes: Uint8Array, file: string): VoxelBatch {
  let array;
  try {
    array = decodeNpy(bytes, file);
  } catch (e) {
    if (e instanceof NpyError) throw new VoxelFormatError(e.message);
    throw e;
  }
  const s = array.shape;
  let shape: [number, number, number, number];
  if (s.length === 3) shape = [1, s[0], s[1], s[2]];
  else if (s.length === 4) shape = [s[0], s[1], s[2], s[3]];
  else if (s.length === 5 && s[1] === 1) shape = [s[0], s[2], s[3], s[4]];
  else throw new VoxelFormatError(`${file} has shape (${s.join(', ')}); a voxel grid is (D, H, W), a batch (N, D, H, W) or (N, 1, D, H, W)`);
  if (shape.some((d) => d === 0)) throw new VoxelFormatError(`${file} has shape (${s.join(', ')}), which holds no voxel`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < array.data.length; i++) {
    const v = array.data[i];
    if (!(v >= 0 && v <= 1)) {
      if (Number.isNaN(v)) throw new VoxelFormatError(`${file} has a NaN at entry ${i}; occupancies are numbers in [0, 1]`);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo !== Infinity) {
    throw new VoxelFormatError(`${file} holds values outside [0, 1] (from ${Math.min(lo, 0)} to ${Math.max(hi, 1)}); voxel grids hold occupancies in [0, 1] (divide 0–255 grids by 255)`);
  }
  return { shape, data: array.data };
}

/**
 * Encodes a batch as .npy: one grid as [D, H, W], several as [N, D, H, W].
 * @throws VoxelFormatError when data and shape disagree
 */
export function encodeNpyVoxels(batch: VoxelBatch, options: NpyVoxelOptions = {}): Uint8Array {
  const [n, d, h, w] = batch.shape;
  const dtype = options.dtype ?? 'float32';
  const data = dtype === 'bool' || dtype === 'uint8' ? batch.data.map((v) => (v >= OCCUPIED ? 1 : 0)) : batch.data;
  try {
    return encodeNpy({ data, shape: n === 1 ? [d, h, w] : [n, d, h, w] }, { dtype, fortranOrder: options.fortranOrder });
  } catch (e) {
    if (e instanceof NpyError) throw new VoxelFormatError(e.message);
    throw e;
  }
}
