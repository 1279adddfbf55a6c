import type { TriangleMesh } from '../TriangleMesh.js';
import { VoxelFormatError } from '../VoxelFormatError.js';
import { MeshBuilder } from './MeshBuilder.js';
import { meshLines, numberToken } from './meshLines.js';

/** OFF header keywords: optional ST (texture), C (colour), N (normal) prefixes; 4OFF / nOFF are not 3D. */
const HEADER = /^(ST)?(C)?(N)?(4)?(n)?OFF(.*)$/;

/**
 * Parses an Object File Format mesh (ModelNet's format): `OFF`, `COFF` (per-vertex colours), `NOFF` (normals),
 * `CNOFF`, `STOFF` headers, '#' comments, polygons of any size (as triangle fans), per-face colours (ignored), and
 * ModelNet's header with the counts run on (`OFF490 518 0`).
 * @param bytes the file's bytes (ASCII OFF; binary OFF is refused)
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and the problem
 */
export function parseOff(bytes: Uint8Array, file: string): TriangleMesh {
  const lines = meshLines(bytes);
  if (lines.length === 0) throw new VoxelFormatError(`${file} is empty; an OFF file starts with 'OFF'`);
  const first = lines[0].tokens;
  const header = HEADER.exec(first[0]);
  if (!header) throw new VoxelFormatError(`${file} is not an OFF file: it starts with '${first[0].slice(0, 20)}', not 'OFF'`);
  if (header[4] || header[5]) throw new VoxelFormatError(`${file} is a ${first[0]} file (not 3D); only 3D OFF is read`);
  // ModelNet writes 'OFF490 518 0'; the counts may also stand on the header line or the next one.
  const rest = [...(header[6] ? [header[6]] : []), ...first.slice(1)];
  if (rest[0]?.toUpperCase() === 'BINARY') throw new VoxelFormatError(`${file} is a binary OFF file; save it as ASCII OFF`);
  let next = 1;
  let counts = rest;
  if (counts.length === 0) {
    if (lines.length < 2) throw new VoxelFormatError(`${file} is truncated: the vertex and face counts are missing`);
    counts = lines[1].tokens;
    next = 2;
  }
  const nv = numberToken(counts[0]);
  const nf = numberToken(counts[1]);
  if (!Number.isInteger(nv) || !Number.isInteger(nf) || nv < 0 || nf < 0) {
    throw new VoxelFormatError(`${file}: the counts line '${counts.join(' ').slice(0, 40)}' should hold the vertex and face counts`);
  }
  if (next + nv + nf > lines.length) {
    const left = lines.length - next;
    throw new VoxelFormatError(`${file} is truncated: it announces ${nv} vertices and ${nf} faces but only ${left} ${left === 1 ? 'line follows' : 'lines follow'} the header`);
  }
  const mesh = new MeshBuilder(file);
  for (let v = 0; v < nv; v++) {
    const { tokens, line } = lines[next + v];
    if (tokens.length < 3) throw new VoxelFormatError(`${file}: line ${line} should be vertex ${v + 1} (x y z), got '${tokens.join(' ').slice(0, 40)}'`);
    mesh.addVertex(numberToken(tokens[0]), numberToken(tokens[1]), numberToken(tokens[2]), `line ${line} (vertex ${v + 1})`);
  }
  const polygon: number[] = [];
  for (let f = 0; f < nf; f++) {
    const { tokens, line } = lines[next + nv + f];
    const n = numberToken(tokens[0]);
    if (!Number.isInteger(n) || n < 0 || tokens.length < n + 1) {
      throw new VoxelFormatError(`${file}: line ${line} should be face ${f + 1} (a count and that many vertex numbers), got '${tokens.join(' ').slice(0, 40)}'`);
    }
    polygon.length = 0;
    for (let k = 1; k <= n; k++) {
      const index = numberToken(tokens[k]);
      if (!Number.isInteger(index) || index < 0 || index >= nv) {
        throw new VoxelFormatError(`${file}: line ${line} (face ${f + 1}) names vertex ${tokens[k]}, but the file has ${nv} vertices (numbered from 0)`);
      }
      polygon.push(index);
    }
    mesh.addPolygon(polygon, `line ${line}`);
  }
  return mesh.build();
}
