import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMeshFile, VoxelFormatError, type TriangleMesh } from './index.js';
import { meshVolume as volume } from '../shapes/primitives.js';
import { bytesOf, cubeAsciiStl, cubeBinaryStl, cubeObj, cubeOff, CUBE_CORNERS } from './testing/meshFixtures.js';

const CHAIRS = new URL('../../../../../shared/data/meshes/chairs/', import.meta.url);

/** The triangles as sorted strings of corner positions: equal meshes give equal lists whatever the indexing. */
function triangleSet(mesh: TriangleMesh): string[] {
  const out: string[] = [];
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const corners = [0, 1, 2].map((k) => Array.from(mesh.positions.subarray(3 * mesh.indices[t + k], 3 * mesh.indices[t + k] + 3)).join(','));
    out.push(corners.sort().join(' | '));
  }
  return out.sort();
}

describe('mesh files', () => {
  it('reads one cube the same from OFF, ModelNet OFF, OBJ, ASCII STL and binary STL', () => {
    const meshes = {
      off: parseMeshFile('cube.off', bytesOf(cubeOff())),
      modelnet: parseMeshFile('cube.OFF', bytesOf(cubeOff(true))),
      obj: parseMeshFile('cube.obj', bytesOf(cubeObj())),
      asciiStl: parseMeshFile('cube.stl', bytesOf(cubeAsciiStl())),
      binaryStl: parseMeshFile('cube.stl', cubeBinaryStl()),
    };
    const reference = triangleSet(meshes.off);
    expect(reference).toHaveLength(12);
    for (const [name, mesh] of Object.entries(meshes)) {
      expect(triangleSet(mesh), name).toEqual(reference);
      expect(volume(mesh), `${name}: outward orientation kept`).toBeCloseTo(1, 6);
      // STL repeats corners per triangle; welding gives back the 8 shared corners.
      expect(mesh.positions.length / 3, name).toBe(8);
    }
  });

  it('reads COFF colours, NOFF normals, per-face colours, comments and polygons as triangle fans', () => {
    const coff = ['COFF', '4 2 0', '0 0 0 255 0 0 255', '1 0 0 0 255 0 255', '1 1 0 0 0 255 255', '0 1 0 9 9 9 255', '3 0 1 2 1 0 0', '3 0 2 3'].join('\n');
    expect(triangleSet(parseMeshFile('c.off', bytesOf(coff)))).toHaveLength(2);
    const noff = ['NOFF # normals', '3 1 0', '0 0 0 0 0 1', '1 0 0 0 0 1', '0 1 0 0 0 1', '3 0 1 2'].join('\n');
    const n = parseMeshFile('n.off', bytesOf(noff));
    expect(Array.from(n.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    const hexagon = ['OFF', '6 1 0', ...Array.from({ length: 6 }, (_, k) => `${Math.cos(k)} ${Math.sin(k)} 0`), '6 0 1 2 3 4 5'].join('\n');
    expect(Array.from(parseMeshFile('h.off', bytesOf(hexagon)).indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5]);
  });

  it('reads OBJ negative (relative) references and skips texture, normal and group lines', () => {
    const obj = ['v 0 0 0', 'v 1 0 0', 'v 0 1 0', 'vn 0 0 1', 'g tri', 's off', 'usemtl red', 'f -3//1 -2//1 -1//1', 'l 1 2'].join('\n');
    expect(Array.from(parseMeshFile('t.obj', bytesOf(obj)).indices)).toEqual([0, 1, 2]);
  });

  it('reads the real furniture OBJs of shared/data: every face, finite coordinates', () => {
    for (const name of ['chair2.obj', 'deckChair.obj', 'antiqueChair.obj']) {
      const text = readFileSync(new URL(name, CHAIRS), 'latin1');
      const vertices = text.split('\n').filter((l) => l.startsWith('v ')).length;
      const triangles = text
        .split('\n')
        .filter((l) => l.startsWith('f '))
        .reduce((s, l) => s + l.trim().split(/\s+/).length - 3, 0);
      const mesh = parseMeshFile(name, readFileSync(new URL(name, CHAIRS)));
      expect(mesh.positions.length / 3, name).toBe(vertices);
      expect(mesh.indices.length / 3, name).toBe(triangles);
      expect(mesh.positions.every(Number.isFinite)).toBe(true);
    }
  });

  it('refuses broken mesh files with one line naming the file and the problem', () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['a.off', 'PLY\n3 1 0\n', /a\.off is not an OFF file: it starts with 'PLY'/],
      ['a.off', 'OFF\n8 6 0\n0 0 0\n', /a\.off is truncated: it announces 8 vertices and 6 faces but only 1 line follows the header/],
      ['a.off', 'OFF\n3 1 0\n0 0 0\n1 nan 0\n0 1 0\n3 0 1 2\n', /a\.off: line 4 \(vertex 2\) has a coordinate that is not a finite number/],
      ['a.off', 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 7\n', /a\.off: line 6 \(face 1\) names vertex 7, but the file has 3 vertices/],
      ['a.off', 'OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n', /a\.off has no faces \(an empty mesh\)/],
      ['a.off', '4OFF\n', /not 3D/],
      ['a.off', 'OFF BINARY\n', /binary OFF/],
      ['a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n', /a\.obj: a face names vertex 9, but the file has 3 vertices/],
      ['a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 x\n', /a\.obj: line 4 has the face reference 'x'/],
      ['a.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nf -1 -2 -4\n', /a\.obj: line 4 refers to vertex -4, before the first vertex/],
      ['a.obj', 'v 0 0 inf\nv 1 0 0\nv 0 1 0\nf 1 2 3\n', /a\.obj: line 1 \(vertex 1\) has a coordinate that is not a finite number/],
      ['a.obj', '# nothing\n', /a\.obj has no faces/],
      ['a.stl', 'solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n', /a\.stl is truncated: the facet of line 2 has no 'endfacet'/],
      ['a.stl', cubeBinaryStl().subarray(0, 300), /a\.stl is not a valid binary STL: its header announces 12 triangles \(684 bytes\) but the file has 300 bytes/],
      ['a.stl', 'hello', /a\.stl is not an STL file/],
      ['a.ply', 'ply', /a\.ply: unknown mesh file type '\.ply'; use \.off, \.obj, \.stl/],
    ];
    for (const [name, content, message] of cases) {
      const bytes = typeof content === 'string' ? bytesOf(content) : content;
      let error: unknown;
      try {
        parseMeshFile(name, bytes);
      } catch (e) {
        error = e;
      }
      expect(error, name + ' ' + String(message)).toBeInstanceOf(VoxelFormatError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
    const nanStl = cubeBinaryStl();
    new DataView(nanStl.buffer).setFloat32(84 + 12 + 4, NaN, true);
    expect(() => parseMeshFile('n.stl', nanStl)).toThrow(/n\.stl: triangle 1 has a coordinate that is not a finite number/);
  });

  it('keeps corner order: a face pointing inward stays inward (volume −1)', () => {
    const flipped = cubeOff().replace(/^4 (\d) (\d) (\d) (\d)$/gm, '4 $4 $3 $2 $1');
    expect(volume(parseMeshFile('f.off', bytesOf(flipped)))).toBeCloseTo(-1, 6);
    expect(CUBE_CORNERS).toHaveLength(8);
  });
});
