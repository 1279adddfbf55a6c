import type { TriangleMesh } from '../formats/TriangleMesh.js';
import { VoxelFormatError } from '../formats/VoxelFormatError.js';

/** Which axis of a mesh file points up: 'y' (three.js, the furniture OBJs) or 'z' (ModelNet's OFF, CAD files). */
export type UpAxis = 'y' | 'z';

/** Options of {@link fitToGrid}. */
export interface FitOptions {
  /** The file's up axis; default 'y'. 'z' turns (x, y, z) into (x, z, −y), so up becomes the grid's H axis. */
  up?: UpAxis;
  /** Empty voxels kept on every side of the longest extent; default 1. */
  margin?: number;
}

/**
 * Places a mesh in an R³ grid: up axis to Y, then scaled uniformly (proportions kept) so that its longest extent
 * spans R − 2·margin voxels, centred. Coordinates come back in voxel units: voxel (d, h, w) is the cube
 * [d, d+1) × [h, h+1) × [w, w+1).
 * @returns positions [V·3] in grid units (float64), and the scale (voxels per mesh unit)
 * @throws VoxelFormatError when the mesh is a point (no extent) or the margin leaves no room
 */
export function fitToGrid(mesh: TriangleMesh, resolution: number, options: FitOptions = {}): { positions: Float64Array; scale: number } {
  const margin = options.margin ?? 1;
  if (!(resolution - 2 * margin >= 1)) throw new VoxelFormatError(`a margin of ${margin} voxels leaves no room in a grid of ${resolution}`);
  const p = mesh.positions;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i += 3) {
    out[i] = p[i];
    if (options.up === 'z') {
      out[i + 1] = p[i + 2];
      out[i + 2] = -p[i + 1];
    } else {
      out[i + 1] = p[i + 1];
      out[i + 2] = p[i + 2];
    }
  }
  // Only vertices that faces use count (OBJ files may hold unused ones).
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let t = 0; t < mesh.indices.length; t++) {
    const v = 3 * mesh.indices[t];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], out[v + a]);
      hi[a] = Math.max(hi[a], out[v + a]);
    }
  }
  const extent = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  if (!(extent > 0)) throw new VoxelFormatError('the mesh has no extent (all its vertices are one point)');
  const scale = (resolution - 2 * margin) / extent;
  for (let i = 0; i < out.length; i += 3) {
    for (let a = 0; a < 3; a++) out[i + a] = (out[i + a] - (lo[a] + hi[a]) / 2) * scale + resolution / 2;
  }
  return { positions: out, scale };
}
