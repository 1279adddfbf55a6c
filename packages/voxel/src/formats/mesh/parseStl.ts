import type { TriangleMesh } from '../TriangleMesh.js';
import { VoxelFormatError } from '../VoxelFormatError.js';
import { MeshBuilder } from './MeshBuilder.js';
import { meshLines, numberToken } from './meshLines.js';

/**
 * Parses an STL file, binary (80-byte header, triangle count, 50 bytes per triangle) or ASCII
 * (`solid … facet … outer loop … vertex x y z … endloop … endfacet … endsolid`). STL stores every triangle's
 * corners separately; corners at the same position become one vertex, so parts are connected as in the model.
 * A binary file is recognised by its size (84 + 50·count bytes), since some begin with 'solid' too.
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and the problem
 */
export function parseStl(bytes: Uint8Array, file: string): TriangleMesh {
  if (bytes.length >= 84) {
    const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
    if (84 + 50 * count === bytes.length) return parseBinary(bytes, count, file);
  }
  if (/^\s*solid\b/.test(new TextDecoder('latin1').decode(bytes.subarray(0, 256)))) return parseAscii(bytes, file);
  if (bytes.length < 84) throw new VoxelFormatError(`${file} is not an STL file: too short for a binary STL (${bytes.length} bytes) and it does not start with 'solid'`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  throw new VoxelFormatError(`${file} is not a valid binary STL: its header announces ${count} triangles (${84 + 50 * count} bytes) but the file has ${bytes.length} bytes`);
}

function parseBinary(bytes: Uint8Array, count: number, file: string): TriangleMesh {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weld = new VertexWelder(new MeshBuilder(file));
  const corners = [0, 0, 0];
  for (let t = 0; t < count; t++) {
    const base = 84 + 50 * t + 12; // skip the normal
    for (let c = 0; c < 3; c++) {
      const o = base + 12 * c;
      corners[c] = weld.vertex(view.getFloat32(o, true), view.getFloat32(o + 4, true), view.getFloat32(o + 8, true), `triangle ${t + 1}`);
    }
    weld.mesh.addPolygon(corners, `triangle ${t + 1}`);
  }
  return weld.mesh.build();
}

function parseAscii(bytes: Uint8Array, file: string): TriangleMesh {
  const weld = new VertexWelder(new MeshBuilder(file));
  let facet: number[] | null = null;
  let facetLine = 0;
  for (const { tokens, line } of meshLines(bytes)) {
    switch (tokens[0]) {
      case 'facet':
        if (facet) throw new VoxelFormatError(`${file}: line ${line} starts a facet inside the facet of line ${facetLine} (missing 'endfacet')`);
        facet = [];
        facetLine = line;
        break;
      case 'vertex':
        if (!facet) throw new VoxelFormatError(`${file}: line ${line} has a vertex outside any facet`);
        if (tokens.length < 4) throw new VoxelFormatError(`${file}: line ${line} should be 'vertex x y z'`);
        facet.push(weld.vertex(numberToken(tokens[1]), numberToken(tokens[2]), numberToken(tokens[3]), `line ${line}`));
        break;
      case 'endfacet':
        if (!facet) throw new VoxelFormatError(`${file}: line ${line} ends a facet that was not started`);
        if (facet.length < 3) throw new VoxelFormatError(`${file}: the facet of line ${facetLine} has ${facet.length} vertices; it needs 3`);
        weld.mesh.addPolygon(facet, `line ${facetLine}`);
        facet = null;
        break;
      default:
        break; // solid, outer loop, endloop, endsolid, normals
    }
  }
  if (facet) throw new VoxelFormatError(`${file} is truncated: the facet of line ${facetLine} has no 'endfacet'`);
  return weld.mesh.build();
}

/** Merges corners at exactly the same position into one vertex. */
class VertexWelder {
  private readonly seen = new Map<string, number>();
  private readonly f32 = new Float32Array(3);

  constructor(readonly mesh: MeshBuilder) {}

  vertex(x: number, y: number, z: number, where: string): number {
    const f = this.f32;
    f[0] = x;
    f[1] = y;
    f[2] = z;
    const key = `${f[0]} ${f[1]} ${f[2]}`;
    let index = this.seen.get(key);
    if (index === undefined) {
      index = this.mesh.addVertex(f[0], f[1], f[2], where);
      this.seen.set(key, index);
    }
    return index;
  }
}
