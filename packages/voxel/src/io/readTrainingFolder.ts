import fs from 'node:fs/promises';
import path from 'node:path';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { VoxelFormatError } from '../formats/VoxelFormatError.js';
import { extensionOf, MESH_EXTENSIONS, VOXEL_EXTENSIONS } from '../formats/voxelFiles.js';
import type { UpAxis } from '../voxelize/fitToGrid.js';
import { voxelizeMesh } from '../voxelize/voxelizeMesh.js';
import { readMeshFile, readVoxelFile } from './voxelFileIO.js';

/** Options of {@link readTrainingFolder}. */
export interface TrainingFolderOptions {
  /** Grid side R: meshes are voxelized to R³; grids must already be R³. */
  resolution: number;
  /** Up axis of the mesh files; default 'y'. */
  up?: UpAxis;
  /** Called after each file with its name and the count so far. */
  onFile?: (file: string, done: number, total: number) => void;
}

/**
 * Every shape of a folder (or one file) as one batch: grids from .npy (a batch counts as several shapes), .binvox
 * and .vox, and meshes (.off, .obj, .stl) voxelized into solid R³ grids on the way in. Other files are skipped.
 * @returns [N, R, R, R] and the files read, in name order
 * @throws VoxelFormatError for an unreadable file, a grid of another size, or a folder without shapes
 */
export async function readTrainingFolder(source: string, options: TrainingFolderOptions): Promise<{ batch: VoxelBatch; files: string[] }> {
  const st = await fs.stat(source).catch(() => null);
  if (!st) throw new VoxelFormatError(`cannot read ${source}: no such file or folder`);
  const known = [...VOXEL_EXTENSIONS, ...MESH_EXTENSIONS] as readonly string[];
  const files = st.isDirectory()
    ? (await fs.readdir(source)).filter((f) => known.includes(extensionOf(f))).sort().map((f) => path.join(source, f))
    : [source];
  if (files.length === 0) throw new VoxelFormatError(`${source} holds no shape file (${known.join(', ')})`);
  const R = options.resolution;
  const grids: Float32Array[] = [];
  for (const [k, file] of files.entries()) {
    const ext = extensionOf(file);
    if ((MESH_EXTENSIONS as readonly string[]).includes(ext)) {
      grids.push(voxelizeMesh(await readMeshFile(file), R, { up: options.up }).data);
    } else {
      const batch = await readVoxelFile(file);
      const [n, d, h, w] = batch.shape;
      if (d !== R || h !== R || w !== R) throw new VoxelFormatError(`${file} holds ${d}×${h}×${w} grids, but training is at ${R}³ (pass --resolution ${d} or resample it)`);
      for (let i = 0; i < n; i++) grids.push(batch.data.subarray(i * R * R * R, (i + 1) * R * R * R));
    }
    options.onFile?.(file, k + 1, files.length);
  }
  const data = new Float32Array(grids.length * R * R * R);
  grids.forEach((g, i) => data.set(g, i * R * R * R));
  return { batch: { shape: [grids.length, R, R, R], data }, files };
}
