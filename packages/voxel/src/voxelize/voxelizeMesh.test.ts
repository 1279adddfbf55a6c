import { describe, expect, it } from 'vitest';
import type { TriangleMesh } from '../formats/TriangleMesh.js';
import { boxMesh, icosphereMesh, meshVolume, mergeMeshes, torusMesh } from '../shapes/primitives.js';
import { fitToGrid } from './fitToGrid.js';
import { voxelizeMesh } from './voxelizeMesh.js';

const R = 32;

function filled(data: Float32Array): number {
  let n = 0;
  for (const v of data) n += v;
  return n;
}

/** Volume in voxels the mesh should fill once fitted into the grid. */
function expectedVoxels(mesh: TriangleMesh): number {
  return meshVolume(mesh) * fitToGrid(mesh, R).scale ** 3;
}

describe('voxelizeMesh (solid)', () => {
  it('fills a unit cube, an icosphere and a torus (three.js TorusGeometry proportions) to within 3% of their volume at 32³', () => {
    const shapes: [string, TriangleMesh][] = [
      ['cube', boxMesh([0, 0, 0], [1, 1, 1])],
      ['icosphere', icosphereMesh([0, 0, 0], 1, 3)],
      ['torus', torusMesh([0, 0, 0], 1, 0.4)],
    ];
    for (const [name, mesh] of shapes) {
      const n = filled(voxelizeMesh(mesh, R).data);
      const expected = expectedVoxels(mesh);
      expect(Math.abs(n / expected - 1), `${name}: ${n} voxels, volume ${expected.toFixed(0)}`).toBeLessThan(0.03);
    }
    // The cube spans exactly 30 voxels (margin 1): every voxel centre inside is filled, none outside.
    expect(filled(voxelizeMesh(boxMesh([0, 0, 0], [1, 1, 1]), R).data)).toBe(30 ** 3);
  });

  it('is solid inside, not a shell: the centre of the icosphere and the torus tube are filled, the torus hole is empty', () => {
    const sphere = voxelizeMesh(icosphereMesh([0, 0, 0], 1, 3), R).data;
    expect(sphere[(16 * R + 16) * R + 16]).toBe(1);
    const torus = voxelizeMesh(torusMesh([0, 0, 0], 1, 0.4), R).data; // lying flat: the ring in x–z
    expect(torus[(16 * R + 16) * R + 16], 'hole').toBe(0);
    const tube = Math.round(16 + (1 / 2.8) * 30); // ring radius 1 of extent 2.8 over 30 voxels
    expect(torus[(tube * R + 16) * R + 16], 'tube').toBe(1);
  });

  it('tolerates small holes: an icosphere with 3% of its triangles removed fills the same grid within 1%', () => {
    const closed = icosphereMesh([0, 0, 0], 1, 3);
    const keep: number[] = [];
    for (let t = 0; t < closed.indices.length / 3; t++) if (t % 33 !== 5) keep.push(...closed.indices.subarray(3 * t, 3 * t + 3));
    const holey = { positions: closed.positions, indices: Uint32Array.from(keep) };
    expect(holey.indices.length).toBeLessThan(closed.indices.length * 0.98);
    const a = voxelizeMesh(closed, R).data;
    const b = voxelizeMesh(holey, R).data;
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
    expect(differ / filled(a)).toBeLessThan(0.01);
  });

  it('keeps overlapping parts solid: two interpenetrating boxes fill their union (no hollow where they overlap)', () => {
    // Two 1 × 1 × 1 boxes overlapping by half along x: union volume 1.5 over an extent of 1.5.
    const mesh = mergeMeshes([boxMesh([0, 0, 0], [1, 1, 1]), boxMesh([0.5, 0, 0], [1, 1, 1])]);
    const grid = voxelizeMesh(mesh, R).data;
    const scale = fitToGrid(mesh, R).scale;
    expect(Math.abs(filled(grid) / (1.5 * scale ** 3) - 1)).toBeLessThan(0.03);
    // The middle of the overlap (x = 0.25) is filled; whole-mesh parity would count two surfaces there and leave it empty.
    const d = Math.floor(16 + (0.25 - 0.25) * scale); // the union spans x ∈ [−0.5, 1], centred at 0.25
    expect(grid[(d * R + 16) * R + 16]).toBe(1);
  });

  it('keeps parts thinner than a voxel: a lone sheet becomes one layer of voxels, a thin rod a line', () => {
    const sheet: TriangleMesh = { positions: Float32Array.from([0, 0.3, 0, 1, 0.3, 0, 1, 0.3, 1, 0, 0.3, 1]), indices: Uint32Array.from([0, 1, 2, 0, 2, 3]) };
    const grid = voxelizeMesh(mergeMeshes([sheet, boxMesh([0.5, 0.5, 0.5], [0.01, 1, 0.01])]), R).data;
    let sheetLayer = 0;
    for (let d = 1; d < 31; d++) for (let w = 1; w < 31; w++) for (let h = 0; h < R; h++) if (grid[(d * R + h) * R + w] && h < 12) sheetLayer++;
    expect(sheetLayer).toBeGreaterThanOrEqual(30 * 30);
    expect(sheetLayer).toBeLessThanOrEqual(2 * 31 * 31);
    let rod = 0;
    for (let h = 14; h < 31; h++) if (grid[(16 * R + h) * R + 16] || grid[(15 * R + h) * R + 15] || grid[(15 * R + h) * R + 16] || grid[(16 * R + h) * R + 15]) rod++;
    expect(rod).toBe(31 - 14);
  });

  it('turns Z-up files upright with up: z', () => {
    const tallZ = boxMesh([0, 0, 0], [0.2, 0.2, 1]);
    const extent = (data: Float32Array, axis: number): number => {
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i++) if (data[i]) seen.add([Math.floor(i / R / R), Math.floor(i / R) % R, i % R][axis]);
      return seen.size;
    };
    const up = voxelizeMesh(tallZ, R, { up: 'z' }).data;
    expect(extent(up, 1), 'tall along H (y)').toBe(30);
    expect(extent(up, 2)).toBe(6);
    const asIs = voxelizeMesh(tallZ, R).data;
    expect(extent(asIs, 2), 'tall along W (z) without up: z').toBe(30);
  });
});
