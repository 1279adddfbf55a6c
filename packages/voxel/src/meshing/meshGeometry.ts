import { BufferAttribute, BufferGeometry } from 'three';
import type { CubeFaces } from './culledCubes.js';
import type { SurfaceMesh } from './surfaceNets.js';

/** Options of {@link meshGeometry}. */
export interface MeshGeometryOptions {
  /** Culled cubes only: add a `color` attribute, grey = the corner's ambient occlusion (for vertexColors materials). */
  occlusionColors?: boolean;
}

/**
 * A three.js geometry over the arrays of {@link culledCubes} or {@link surfaceNets} (no copy of positions, normals
 * or indices): attributes `position` and `normal`, an index, and for culled cubes optionally `color`.
 */
export function meshGeometry(mesh: CubeFaces | SurfaceMesh, options: MeshGeometryOptions = {}): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(mesh.positions, 3));
  g.setAttribute('normal', new BufferAttribute(mesh.normals, 3));
  if (options.occlusionColors && 'occlusion' in mesh) {
    const colors = new Float32Array(mesh.occlusion.length * 3);
    for (let i = 0; i < mesh.occlusion.length; i++) colors[3 * i] = colors[3 * i + 1] = colors[3 * i + 2] = mesh.occlusion[i];
    g.setAttribute('color', new BufferAttribute(colors, 3));
  }
  g.setIndex(new BufferAttribute(mesh.indices, 1));
  return g;
}
