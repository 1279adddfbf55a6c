import { ChainError } from './ChainError.js';

/**
 * Float32 values as base64 of their little-endian bytes, the JSON-safe form in which model files store chain
 * states and replay buffers. Explicitly little-endian so files move between machines.
 * @param a values [n]
 */
export function encodeFloat32(a: Float32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i], true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * The inverse of {@link encodeFloat32}: bit-identical values, NaNs and signed zeros included.
 * @param expected number of values the caller needs; a mismatch throws a ChainError
 */
export function decodeFloat32(base64: string, expected?: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 4 !== 0) throw new ChainError(`stored float32 data has ${bytes.length} bytes, not a multiple of 4 (the file is damaged)`);
  const n = bytes.length / 4;
  if (expected !== undefined && n !== expected) throw new ChainError(`stored float32 data has ${n} values where ${expected} were expected (the file is damaged or from another model)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
