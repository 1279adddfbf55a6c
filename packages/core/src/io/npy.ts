import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../model/atomicWrite.js';

/** A float32 array with its shape, as stored in a NumPy .npy file (C order). */
export interface NpyArray {
  data: Float32Array;
  shape: number[];
}

/** A .npy file this reader cannot take; the message names the file and the fix. */
export class NpyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NpyError';
  }
}

/** Encodes a float32 array as NumPy .npy (format 1.0, '<f4', C order). @throws NpyError when data and shape disagree */
export function encodeNpy(a: NpyArray): Buffer {
  const count = a.shape.reduce((p, d) => p * d, 1);
  if (!a.shape.every((d) => Number.isInteger(d) && d >= 0) || count !== a.data.length) {
    throw new NpyError(`shape [${a.shape.join(', ')}] does not hold the ${a.data.length} values given`);
  }
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.alloc(a.data.length * 4);
  if (littleEndian) Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).copy(body);
  else for (let i = 0; i < a.data.length; i++) body.writeFloatLE(a.data[i], 4 * i);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
}

/** Decodes .npy bytes of dtype float32/float64/uint8/bool/int32/int64 (little-endian, C order) to float32. */
export function decodeNpy(buf: Buffer, name = 'array'): NpyArray {
  if (buf.length < 10 || buf.subarray(0, 6).toString('latin1') !== '\x93NUMPY') throw new NpyError(`${name} is not a .npy file (bad magic)`);
  const major = buf[6];
  if (major < 1 || major > 3) throw new NpyError(`${name} has .npy format version ${major}.${buf[7]}; this reader takes 1.0 to 3.0`);
  if (buf.length < (major === 1 ? 10 : 12)) throw new NpyError(`${name} is truncated: its header is cut off`);
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  if (start + hlen > buf.length) throw new NpyError(`${name} is truncated: its header is cut off`);
  const header = buf.subarray(start, start + hlen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new NpyError(`${name}: unreadable .npy header`);
  if (fortran) throw new NpyError(`${name} is in Fortran order; save it with np.ascontiguousarray first`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new NpyError(`${name}: unreadable .npy header (shape (${shapeText}))`);
  const n = shape.reduce((a, b) => a * b, 1);
  const off = start + hlen;
  const data = new Float32Array(n);
  const readers: Record<string, [number, (i: number) => number]> = {
    '<f4': [4, (i) => buf.readFloatLE(off + 4 * i)],
    '<f8': [8, (i) => buf.readDoubleLE(off + 8 * i)],
    '|u1': [1, (i) => buf[off + i]],
    '|b1': [1, (i) => buf[off + i]],
    '<i4': [4, (i) => buf.readInt32LE(off + 4 * i)],
    '<i8': [8, (i) => Number(buf.readBigInt64LE(off + 8 * i))],
  };
  const r = readers[descr];
  if (!r) throw new NpyError(`${name} has dtype ${descr}; use float32, float64, uint8, bool, int32 or int64`);
  if (off + r[0] * n > buf.length) throw new NpyError(`${name} is truncated: ${n} values announced`);
  for (let i = 0; i < n; i++) data[i] = r[1](i);
  return { data, shape };
}

/** Reads a .npy file. @throws NpyError naming the file */
export async function readNpy(file: string): Promise<NpyArray> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    throw new NpyError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return decodeNpy(buf, file);
}

/** Writes a .npy file atomically. @throws NpyError naming the file when its folder is missing or not writable */
export async function writeNpy(file: string, a: NpyArray): Promise<void> {
  const bytes = encodeNpy(a);
  const dir = path.dirname(path.resolve(file));
  if (!(await fs.stat(dir).catch(() => null))?.isDirectory()) throw new NpyError(`cannot write ${file}: folder ${dir} does not exist (create it first)`);
  try {
    await writeFileAtomic(file, bytes);
  } catch (e) {
    throw new NpyError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
