import { describe, expect, it } from 'vitest';
import { parseMeshFile } from '../formats/voxelFiles.js';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { cubesGeometry } from './cubesGeometry.js';
import { meshFileBytes } from './meshFile.js';
import { meshGeometry } from './meshGeometry.js';
import { surfaceNets } from './surfaceNets.js';
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

  it('surface nets around one cell: a cube of side ⅓ about its centre (8 vertices, 6 quads), normals outward', () => {
    const one = surfaceNets({ shape: [3, 3, 3], data: Float32Array.from({ length: 27 }, (_, i) => (i === 13 ? 1 : 0)) }, 0.5);
    expect([one.positions.length / 3, one.indices.length / 3, one.drawnVoxels]).toEqual([8, 12, 1]);
    // Each vertex is the mean of three crossings half a cell from the centre (1.5, 1.5, 1.5): centre ± 1/6 per axis.
    for (let i = 0; i < one.positions.length; i++) expect(Math.abs(one.positions[i] - 1.5)).toBeCloseTo(1 / 6, 6);
    const g = surfaceNetsGeometry({ shape: [3, 3, 3], data: Float32Array.from({ length: 27 }, (_, i) => (i === 13 ? 1 : 0)) });
    expect(volume(g)).toBeCloseTo(1 / 27, 6);
    for (let v = 0; v < 8; v++) {
      let dot = 0;
      for (let a = 0; a < 3; a++) dot += (one.positions[3 * v + a] - 1.5) * one.normals[3 * v + a];
      expect(dot, `vertex ${v}`).toBeGreaterThan(0);
    }
  });

  it('surface nets are closed and consistently wound (every edge a→b is matched by b→a), on a float grid and when sliced', () => {
    const n = 12;
    const soft = grid(n, () => false);
    for (let d = 0; d < n; d++) for (let h = 0; h < n; h++) for (let w = 0; w < n; w++) soft.data[(d * n + h) * n + w] = Math.max(0, 1 - Math.hypot(d - 5, h - 6, w - 5.5) / 5) + 0.3 * Math.sin(d + 2 * w);
    for (const box of [[n, n, n], [6, n, n], [n, n, 4]] as const) {
      const s = surfaceNets({ shape: [n, n, n], data: soft.data }, 0.4, box);
      // Directed edge counts: +1 for a→b, −1 for b→a (a < b); a closed, consistently wound surface sums to 0.
      const balance = new Map<string, number>();
      for (let t = 0; t < s.indices.length; t += 3) {
        for (let k = 0; k < 3; k++) {
          const a = s.indices[t + k];
          const b = s.indices[t + ((k + 1) % 3)];
          const key = a < b ? `${a},${b}` : `${b},${a}`;
          balance.set(key, (balance.get(key) ?? 0) + (a < b ? 1 : -1));
        }
      }
      expect(balance.size, `box ${box}`).toBeGreaterThan(100);
      expect([...balance.values()].filter((v) => v !== 0), `box ${box}`).toEqual([]);
      expect(volume(meshGeometry(s)), `box ${box}`).toBeGreaterThan(0);
      let expected = 0;
      for (let d = 0; d < box[0]; d++) for (let h = 0; h < box[1]; h++) for (let w = 0; w < box[2]; w++) if (soft.data[(d * n + h) * n + w] >= 0.4) expected++;
      expect(s.drawnVoxels).toBe(expected);
      // Nothing beyond the cut: the last kept sample sits at box − ½, the first dropped one (empty) at box + ½.
      for (let i = 0; i < s.positions.length; i += 3) for (let a = 0; a < 3; a++) expect(s.positions[i + a]).toBeLessThan(box[a] + 0.5);
    }
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
