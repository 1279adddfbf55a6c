// The NumPy .npy codec as pure functions over bytes (no Node API), so browser code imports it as '@ebm/core/npy'.
// Reading and writing files is in npy.ts beside it.

/** A float32 array with its shape, as stored in a NumPy .npy file (C order). */
export interface NpyArray {
  data: Float32Array;
  shape: number[];
}

/** Element types {@link encodeNpy} writes: '<f4', '<f8', '|u1', '|b1'. */
export type NpyDtype = 'float32' | 'float64' | 'uint8' | 'bool';

/** Options of {@link encodeNpy}. */
export interface NpyEncodeOptions {
  /**
   * Element type written; default 'float32'. 'uint8' rounds and clamps to 0..255; 'bool' writes True for every
   * nonzero value.
   */
  dtype?: NpyDtype;
  /** Write the data in Fortran order (first index fastest), as NumPy does for `np.asfortranarray`; default false. */
  fortranOrder?: boolean;
}

/** A .npy file this reader cannot take; the message names the file and the fix. */
export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

const DESCR: Record<NpyDtype, string> = { float32: '<f4', float64: '<f8', uint8: '|u1', bool: '|b1' };
const BYTES: Record<NpyDtype, number> = { float32: 4, float64: 8, uint8: 1, bool: 1 };

/**
 * Encodes an array as NumPy .npy bytes (format 1.0, little-endian), header padded to 64 bytes as numpy.save does.
 * @param a data in C order (last index fastest) with its shape
 * @throws NpyError when data and shape disagree
 */
export function encodeNpy(a: NpyArray, options: NpyEncodeOptions = {}): Uint8Array {
  const count = a.shape.reduce((p, d) => p * d, 1);
  if (!a.shape.every((d) => Number.isInteger(d) && d >= 0) || count !== a.data.length) {
    throw new NpyError(`shape [${a.shape.join(', ')}] does not hold the ${a.data.length} values given`);
  }
  const dtype = options.dtype ?? 'float32';
  const fortran = options.fortranOrder ?? false;
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[dtype]}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const bodyStart = 10 + header.length;
  const out = new Uint8Array(bodyStart + count * BYTES[dtype]);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const values = fortran ? reorder(a.data, a.shape, 'toFortran') : a.data;
  const view = new DataView(out.buffer, bodyStart);
  switch (dtype) {
    case 'float32':
      for (let i = 0; i < count; i++) view.setFloat32(4 * i, values[i], true);
      break;
    case 'float64':
      for (let i = 0; i < count; i++) view.setFloat64(8 * i, values[i], true);
      break;
    case 'uint8':
      for (let i = 0; i < count; i++) {
        const v = Math.round(values[i]);
        out[bodyStart + i] = v > 255 ? 255 : v > 0 ? v : 0; // NaN → 0
      }
      break;
    case 'bool':
      for (let i = 0; i < count; i++) out[bodyStart + i] = values[i] !== 0 && !Number.isNaN(values[i]) ? 1 : 0;
      break;
  }
  return out;
}

/**
 * Decodes .npy bytes of dtype float32/float64/uint8/bool/int32/int64 (little-endian; C or Fortran order) to a
 * float32 array in C order.
 * @param name the file name used in error messages
 * @throws NpyError naming the file and the problem
 */
export function decodeNpy(bytes: Uint8Array, name = 'array'): NpyArray {
  if (bytes.length < 10 || latin1(bytes, 0, 6) !== '\x93NUMPY') throw new NpyError(`${name} is not a .npy file (bad magic)`);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyError(`${name} has .npy format version ${major}.${bytes[7]}; this reader takes 1.0 to 3.0`);
  if (bytes.length < (major === 1 ? 10 : 12)) throw new NpyError(`${name} is truncated: its header is cut off`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + hlen > bytes.length) throw new NpyError(`${name} is truncated: its header is cut off`);
  const header = latin1(bytes, start, start + hlen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new NpyError(`${name}: unreadable .npy header`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new NpyError(`${name}: unreadable .npy header (shape (${shapeText}))`);
  const n = shape.reduce((a, b) => a * b, 1);
  const off = start + hlen;
  const readers: Record<string, [number, (i: number) => number]> = {
    '<f4': [4, (i) => view.getFloat32(off + 4 * i, true)],
    '<f8': [8, (i) => view.getFloat64(off + 8 * i, true)],
    '|u1': [1, (i) => bytes[off + i]],
    '|b1': [1, (i) => bytes[off + i]],
    '<i4': [4, (i) => view.getInt32(off + 4 * i, true)],
    '<i8': [8, (i) => Number(view.getBigInt64(off + 8 * i, true))],
  };
  const r = readers[descr];
  if (!r) throw new NpyError(`${name} has dtype ${descr}; use float32, float64, uint8, bool, int32 or int64`);
  if (off + r[0] * n > bytes.length) throw new NpyError(`${name} is truncated: ${n} values announced`);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = r[1](i);
  return { data: fortran ? reorder(data, shape, 'toC') : data, shape };
}

/**
 * Moves values between C order (last index fastest) and Fortran order (first index fastest) for one shape.
 * 'toC' reads Fortran-ordered `src` and returns C order; 'toFortran' the reverse.
 */
function reorder(src: ArrayLike<number>, shape: readonly number[], direction: 'toC' | 'toFortran'): Float32Array {
  const n = src.length;
  const out = new Float32Array(n);
  const k = shape.length;
  if (k < 2 || n === 0) {
    for (let i = 0; i < n; i++) out[i] = src[i];
    return out;
  }
  const fStride = new Array<number>(k);
  fStride[0] = 1;
  for (let j = 1; j < k; j++) fStride[j] = fStride[j - 1] * shape[j - 1];
  const index = new Array<number>(k).fill(0);
  let f = 0; // Fortran offset of the current C-order element
  for (let c = 0; c < n; c++) {
    if (direction === 'toC') out[c] = src[f];
    else out[f] = src[c];
    for (let j = k - 1; j >= 0; j--) {
      index[j]++;
      f += fStride[j];
      if (index[j] < shape[j]) break;
      f -= index[j] * fStride[j];
      index[j] = 0;
    }
  }
  return out;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
