import type { TriangleMesh } from '../TriangleMesh.js';
import { VoxelFormatError } from '../VoxelFormatError.js';
import { MeshBuilder } from './MeshBuilder.js';
import { meshLines, numberToken } from './meshLines.js';

/**
 * Parses the geometry of a Wavefront OBJ file: `v x y z` (extra w or colour values ignored) and `f` polygons with
 * `i`, `i/t`, `i//n` or `i/t/n` references, 1-based or negative (relative to the vertices so far). Everything else
 * (texture coordinates, normals, groups, materials, lines) is skipped.
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and line
 */
export function parseObj(bytes: Uint8Array, file: string): TriangleMesh {
  const mesh = new MeshBuilder(file);
  const polygon: number[] = [];
  for (const { tokens, line } of meshLines(bytes)) {
    const kind = tokens[0];
    if (kind === 'v') {
      mesh.addVertex(numberToken(tokens[1]), numberToken(tokens[2]), numberToken(tokens[3]), `line ${line} (vertex ${mesh.vertexCount + 1})`);
    } else if (kind === 'f') {
      polygon.length = 0;
      for (let k = 1; k < tokens.length; k++) {
        const ref = numberToken(tokens[k].split('/')[0]);
        if (!Number.isInteger(ref) || ref === 0) {
          throw new VoxelFormatError(`${file}: line ${line} has the face reference '${tokens[k].slice(0, 20)}'; OBJ vertex numbers are 1, 2, … or −1, −2, …`);
        }
        const index = ref > 0 ? ref - 1 : mesh.vertexCount + ref;
        if (index < 0) throw new VoxelFormatError(`${file}: line ${line} refers to vertex ${ref}, before the first vertex`);
        polygon.push(index);
      }
      if (polygon.length < 3) throw new VoxelFormatError(`${file}: line ${line} is a face with ${polygon.length} vertices; a face needs at least 3`);
      mesh.addPolygon(polygon, `line ${line}`);
    }
  }
  return mesh.build();
}
