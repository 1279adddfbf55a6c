import { writeFileAtomic } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { cubesGeometry } from '../meshing/cubesGeometry.js';
import { meshFileBytes } from '../meshing/meshFile.js';
import { surfaceNetsGeometry } from '../meshing/surfaceNetsGeometry.js';

/** How a grid becomes a mesh: its filled voxels' visible faces, or the isosurface by surface nets. */
export type MeshMethod = 'cubes' | 'surface';

/**
 * Writes one mesh file per grid (through three's exporters, by extension: .obj, .stl, .glb), atomically; every file
 * is encoded before the first is written.
 * @param grids one [1, D, H, W] grid per file
 * @returns the files written
 */
export async function writeMeshFiles(files: readonly string[], grids: readonly VoxelBatch[], method: MeshMethod, threshold: number): Promise<string[]> {
  const bytes: Uint8Array[] = [];
  for (let i = 0; i < files.length; i++) {
    const geometry = method === 'cubes' ? cubesGeometry(grids[i], threshold) : surfaceNetsGeometry(grids[i], threshold);
    bytes.push(await meshFileBytes(geometry, files[i]));
    geometry.dispose();
  }
  for (let i = 0; i < files.length; i++) await writeFileAtomic(files[i], bytes[i]);
  return [...files];
}
