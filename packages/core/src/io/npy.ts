import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../model/atomicWrite.js';
import { decodeNpy as decodeNpyBytes, encodeNpy as encodeNpyBytes, NpyError, type NpyArray, type NpyEncodeOptions } from './npyCodec.js';

// The codec itself is browser-safe in npyCodec.ts ('@ebm/core/npy'); this file adds Node buffers and files.
export type { NpyArray, NpyDtype, NpyEncodeOptions } from './npyCodec.js';
export { NpyError } from './npyCodec.js';

/**
 * Encodes an array as NumPy .npy (format 1.0; '<f4' and C order unless `options` say otherwise).
 * @throws NpyError when data and shape disagree
 */
export function encodeNpy(a: NpyArray, options: NpyEncodeOptions = {}): Buffer {
  const bytes = encodeNpyBytes(a, options);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes .npy bytes of dtype float32/float64/uint8/bool/int32/int64 (little-endian, C or Fortran order) to float32 in C order. */
export function decodeNpy(buf: Uint8Array, name = 'array'): NpyArray {
  return decodeNpyBytes(buf, name);
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
export async function writeNpy(file: string, a: NpyArray, options: NpyEncodeOptions = {}): Promise<void> {
  const bytes = encodeNpy(a, options);
  const dir = path.dirname(path.resolve(file));
  if (!(await fs.stat(dir).catch(() => null))?.isDirectory()) throw new NpyError(`cannot write ${file}: folder ${dir} does not exist (create it first)`);
  try {
    await writeFileAtomic(file, bytes);
  } catch (e) {
    throw new NpyError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
