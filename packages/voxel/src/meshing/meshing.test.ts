import { describe, expect, it } from 'vitest';
import { parseMeshFile } from '../formats/voxelFiles.js';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { cubesGeometry } from './cubesGeometry.js';
import { meshFileBytes } from './meshFile.js';
import { surfaceNetsGeometry } from './surfaceNetsGeometry.js';
import type { BufferGeometry } from 'three';

function grid(n: number, fill: (d: number, h: number, w: number) => boolean): VoxelBatch {
  const data = new Float32Array(n * n * n);
  for (let d = 0; d < n; d++) for (let h = 0; h < n; h++) for (let w = 0; w < n; w++) data[(d * n + h) * n + w] = fill(d, h, w) ? 1 : 0;
  return { shape: [1, n, n, n], data };
}

/** Signed volume of an indexed geometry (divergence theorem): positive when its faces point outward. */
function volume(g: BufferGeometry): number {
  const p = g.getAttribute('position').array;
  const idx = g.getIndex()!.array;
  let v = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const [a, b, c] = [3 * idx[t], 3 * idx[t + 1], 3 * idx[t + 2]];
    v += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return v / 6;
}

describe('grids to meshes', () => {
  it('culled cubes: a voxel has 6 faces, two touching voxels 10, and the mesh encloses exactly the filled volume, outward', () => {
    expect(cubesGeometry(grid(3, (d, h, w) => d === 1 && h === 1 && w === 1)).getIndex()!.count / 6).toBe(6);
    expect(cubesGeometry(grid(3, (d, h, w) => h === 1 && w === 1 && d < 2)).getIndex()!.count / 6).toBe(10);
    const l = grid(6, (d, h, w) => (h === 0 && w < 3) || (d === 0 && w === 0));
    const count = l.data.reduce((s, v) => s + v, 0);
    expect(volume(cubesGeometry(l))).toBeCloseTo(count, 6);
  });

  it('surface nets: a closed, outward surface around a voxel ball, enclosing about its volume', () => {
    const n = 16;
    const ball = grid(n, (d, h, w) => (d - 7.5) ** 2 + (h - 7.5) ** 2 + (w - 7.5) ** 2 < 36);
    const count = ball.data.reduce((s, v) => s + v, 0);
    const v = volume(surfaceNetsGeometry(ball));
    expect(v).toBeGreaterThan(0.9 * count);
    expect(v).toBeLessThan(1.1 * count);
    // A shape touching the grid's edge is closed too (the grid is padded with empty voxels).
    expect(volume(surfaceNetsGeometry(grid(4, () => true)))).toBeGreaterThan(0.8 * 64);
  });

  it('writes OBJ and STL that read back to the same triangles, and a binary glTF', async () => {
    const g = cubesGeometry(grid(3, (d, h, w) => (d + h + w) % 2 === 0));
    const triangles = g.getIndex()!.count / 3;
    const obj = parseMeshFile('m.obj', await meshFileBytes(g, 'm.obj'));
    expect(obj.indices.length / 3).toBe(triangles);
    const stl = parseMeshFile('m.stl', await meshFileBytes(g, 'm.stl'));
    expect(stl.indices.length / 3).toBe(triangles);
    const glb = await meshFileBytes(g, 'm.glb');
    expect(new TextDecoder().decode(glb.subarray(0, 4))).toBe('glTF');
    expect(new DataView(glb.buffer, glb.byteOffset).getUint32(8, true)).toBe(glb.length);
    await expect(meshFileBytes(g, 'm.ply')).rejects.toThrow(/unknown mesh file type '\.ply'/);
  });
});
