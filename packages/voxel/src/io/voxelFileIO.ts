import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '@ebm/core';
import type { TriangleMesh } from '../formats/TriangleMesh.js';
import { gridAt, type VoxelBatch } from '../formats/VoxelBatch.js';
import { VoxelFormatError } from '../formats/VoxelFormatError.js';
import { decodeVoxelFile, encodeVoxelFile, extensionOf, parseMeshFile } from '../formats/voxelFiles.js';
import type { NpyVoxelOptions } from '../formats/npy/npyVoxels.js';

/** Reads a file's bytes. @throws VoxelFormatError naming the file when it is missing or unreadable */
export async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new VoxelFormatError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
  }
}

/** Reads a voxel grid file (.npy, .binvox, .vox). @returns [N, D, H, W] occupancies in [0, 1] */
export async function readVoxelFile(file: string): Promise<VoxelBatch> {
  return decodeVoxelFile(file, await readBytes(file));
}

/** Reads a mesh file (.off, .obj, .stl). */
export async function readMeshFile(file: string): Promise<TriangleMesh> {
  return parseMeshFile(file, await readBytes(file));
}

/**
 * The files a batch of `count` is written to: the name itself for one grid (and for any batch in .npy, which holds
 * batches), else `name-0.ext`, `name-1.ext`, ….
 */
export function numberedFiles(file: string, count: number): string[] {
  if (count === 1 || extensionOf(file) === '.npy') return [file];
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  return Array.from({ length: count }, (_, i) => `${stem}-${i}${ext}`);
}

/**
 * Writes grids atomically: one .npy holding the whole batch, or one .binvox/.vox per grid (numbered, see
 * {@link numberedFiles}). Everything is encoded before anything is written, so a bad batch writes nothing.
 * @returns the files written
 * @throws VoxelFormatError for an unknown extension or a grid the format cannot hold
 */
export async function writeVoxelFile(file: string, batch: VoxelBatch, npy: NpyVoxelOptions = {}): Promise<string[]> {
  const files = numberedFiles(file, batch.shape[0]);
  const bytes = files.length === 1 && batch.shape[0] > 1 ? [encodeVoxelFile(file, batch, npy)] : files.map((f, i) => encodeVoxelFile(f, gridAt(batch, i), npy));
  for (let i = 0; i < files.length; i++) await writeFileAtomic(files[i], bytes[i]);
  return files;
}
