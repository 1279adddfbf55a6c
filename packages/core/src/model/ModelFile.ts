import { createHash } from 'node:crypto';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** Current format version; readers accept this and older. */
export const MODEL_FORMAT_VERSION = 1;

/** Leading bytes of every model file. */
export const MODEL_MAGIC = 'EBMMODEL';

/** What domain a model belongs to, so `ebm-image` can refuse a voxel model with a clear message. */
export type ModelDomain = 'image' | 'video' | 'voxel' | 'generic';

/**
 * Everything a model file holds. JSON fields travel in the header; `tensors` (θ, optimiser moments,
 * replay buffer, persistent chains…) are stored as raw little-endian float32 after it.
 */
export interface ModelFileContents {
  formatVersion: number;
  domain: ModelDomain;
  spec: NetworkSpec;
  /** How data values map to the network's input (domain-defined, e.g. `{ scale: 2, offset: -1 }`). */
  normalisation?: Record<string, unknown>;
  /** Sampler defaults for synthesis, e.g. `{ name: 'langevin', options: { steps: 30, stepSize: 0.3 } }`. */
  sampler?: { name: string; options: Record<string, unknown> };
  /** Training state for resuming: iteration, seed, RNG state, optimiser hyper-parameters, config. */
  training?: Record<string, unknown>;
  /** Free-form descriptive fields (data source, creation time, tool version). */
  meta?: Record<string, unknown>;
  /** Named float32 tensors; `theta` holds the network's parameters. */
  tensors: Record<string, Float32Array>;
}

interface TensorEntry {
  offset: number;
  length: number;
}

/**
 * Serialises a model: MODEL_MAGIC (8 bytes), SHA-256 of everything after it (32 bytes), header length
 * (uint32 LE), the JSON header, zero padding to a multiple of 4, then the float32 tensors.
 */
export function encodeModelFile(m: ModelFileContents): Buffer {
  const entries: Record<string, TensorEntry> = {};
  let offset = 0;
  for (const [name, t] of Object.entries(m.tensors)) {
    entries[name] = { offset, length: t.length };
    offset += t.length * 4;
  }
  const { tensors: _t, ...json } = m;
  const header = Buffer.from(JSON.stringify({ ...json, tensorIndex: entries }), 'utf8');
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const body = Buffer.alloc(4 + header.length + pad + offset);
  body.writeUInt32LE(header.length, 0);
  header.copy(body, 4);
  const base = 4 + header.length + pad;
  for (const [name, t] of Object.entries(m.tensors)) {
    const bytes = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
    if (isLittleEndian()) bytes.copy(body, base + entries[name].offset);
    else for (let i = 0; i < t.length; i++) body.writeFloatLE(t[i], base + entries[name].offset + 4 * i);
  }
  const digest = createHash('sha256').update(body).digest();
  return Buffer.concat([Buffer.from(MODEL_MAGIC, 'latin1'), digest, body]);
}

/**
 * Parses and verifies a model file's bytes. Returns a string describing the problem instead of throwing,
 * so the caller can name the file in its error.
 */
export function decodeModelFile(buf: Buffer): ModelFileContents | string {
  if (buf.length < 44 || buf.subarray(0, 8).toString('latin1') !== MODEL_MAGIC) {
    return 'is not an ebm model file (wrong magic bytes)';
  }
  const body = buf.subarray(40);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(buf.subarray(8, 40))) return 'is damaged: its checksum does not match (truncated or modified)';
  const headerLength = body.readUInt32LE(0);
  if (4 + headerLength > body.length) return 'is damaged: its header is cut off';
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(body.subarray(4, 4 + headerLength).toString('utf8'));
  } catch {
    return 'is damaged: its header is not valid JSON';
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return 'is damaged: its header is not a JSON object';
  const version = header.formatVersion;
  if (typeof version !== 'number' || version > MODEL_FORMAT_VERSION) {
    return `has format version ${String(version)}, newer than this tool reads (${MODEL_FORMAT_VERSION}); upgrade @ebm/core`;
  }
  const pad = (4 - ((4 + headerLength) % 4)) % 4;
  const base = 4 + headerLength + pad;
  const index = (header.tensorIndex ?? {}) as Record<string, TensorEntry>;
  const tensors: Record<string, Float32Array> = {};
  for (const [name, e] of Object.entries(index)) {
    if (!(Number.isInteger(e?.offset) && e.offset >= 0 && e.offset % 4 === 0 && Number.isInteger(e.length) && e.length >= 0)) {
      return `is damaged: tensor '${name}' has an invalid offset or length`;
    }
    if (base + e.offset + 4 * e.length > body.length) return `is damaged: tensor '${name}' runs past the end of the file`;
    const t = new Float32Array(e.length);
    const at = base + e.offset;
    if (isLittleEndian()) new Uint8Array(t.buffer).set(body.subarray(at, at + 4 * e.length));
    else for (let i = 0; i < e.length; i++) t[i] = body.readFloatLE(at + 4 * i);
    tensors[name] = t;
  }
  delete header.tensorIndex;
  return { ...(header as Omit<ModelFileContents, 'tensors'>), tensors };
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
