import type { TriangleMesh } from '../formats/TriangleMesh.js';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { VoxelFormatError } from '../formats/VoxelFormatError.js';
import { fitToGrid, type FitOptions } from './fitToGrid.js';
import { insideByPart } from './insideVotes.js';
import { meshComponents } from './meshComponents.js';
import { surfaceVoxels } from './surfaceVoxels.js';

/** Options of {@link voxelizeMesh}. */
export interface VoxelizeOptions extends FitOptions {
  /** Votes (of 6 rays) that put a voxel centre inside a part; default 4 (a majority). */
  minVotes?: number;
}

/**
 * Voxelizes a triangle mesh into a solid occupancy grid of resolution R³ (0 or 1 per voxel).
 *
 * The mesh is fitted into the grid (up axis to Y, proportions kept, `margin` voxels free on the longest side) and
 * split into parts (triangles connected through shared vertices). **Inside rule:** a voxel is filled when its centre
 * is inside some part by at least `minVotes` of six axis rays (ray parity; see {@link insideByPart}). That gives closed
 * parts their volume to the grid's resolution, keeps overlapping parts solid, and tolerates small holes (only the rays
 * through a hole are misled). **Thin parts:** a part with fewer inside voxels than its surface area in voxel faces
 * (thinner than about two voxels on average: sheets, legs, rods) also keeps every voxel its surface passes through,
 * so it does not vanish or break up. A cup modelled without wall thickness comes out filled (its inside is
 * surrounded on five of six ray directions): model walls as solids.
 * @throws VoxelFormatError for a mesh without extent or a resolution outside 2–512
 */
export function voxelizeMesh(mesh: TriangleMesh, resolution: number, options: VoxelizeOptions = {}): VoxelBatch {
  const R = resolution;
  if (!Number.isInteger(R) || R < 2 || R > 512) throw new VoxelFormatError(`resolution ${R} must be a whole number from 2 to 512`);
  const { positions } = fitToGrid(mesh, R, options);
  const { component, count } = meshComponents(mesh.positions, mesh.indices);
  const inside = insideByPart(positions, mesh.indices, component, count, R, options.minVotes ?? 4);
  const area = partAreas(positions, mesh.indices, component, count);
  const thin = inside.map((cells, part) => cells.length < area[part]);
  const data = new Float32Array(R * R * R);
  for (const cells of inside) for (const v of cells) data[v] = 1;
  if (thin.some(Boolean)) {
    const onlyThin = Uint8Array.from(component, (c) => (thin[c] ? 1 : 0));
    const surface = surfaceVoxels(positions, mesh.indices, R, onlyThin);
    for (let v = 0; v < surface.length; v++) if (surface[v]) data[v] = 1;
  }
  return { shape: [1, R, R, R], data };
}

/** Surface area of each part in voxel units (voxel faces). */
function partAreas(grid: Float64Array, indices: Uint32Array, component: Int32Array, parts: number): Float64Array {
  const area = new Float64Array(parts);
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [3 * indices[t], 3 * indices[t + 1], 3 * indices[t + 2]];
    const ux = grid[b] - grid[a], uy = grid[b + 1] - grid[a + 1], uz = grid[b + 2] - grid[a + 2];
    const vx = grid[c] - grid[a], vy = grid[c + 1] - grid[a + 1], vz = grid[c + 2] - grid[a + 2];
    area[component[t / 3]] += 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  return area;
}
