import { describe, expect, it } from 'vitest';
import { culledCubes, type CubeFaces } from './culledCubes.js';
import type { VoxelGrid } from './VoxelGrid.js';

/** Culled cubes on grids whose faces can be counted by hand. */

function grid(D: number, H: number, W: number, filled: [number, number, number][], value = 1): VoxelGrid {
  const data = new Float32Array(D * H * W);
  for (const [d, h, w] of filled) data[(d * H + h) * W + w] = value;
  return { shape: [D, H, W], data };
}

/** Every triangle's winding (right-hand rule) points along its face normal, i.e. out of the solid. */
function expectOutwardWinding(m: CubeFaces): void {
  for (let t = 0; t < m.indices.length; t += 3) {
    const [a, b, c] = [m.indices[t], m.indices[t + 1], m.indices[t + 2]].map((i) => [m.positions[3 * i], m.positions[3 * i + 1], m.positions[3 * i + 2]]);
    const e1 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const e2 = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
    const cross = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
    const i = m.indices[t];
    const n = [m.normals[3 * i], m.normals[3 * i + 1], m.normals[3 * i + 2]];
    expect(cross[0] * n[0] + cross[1] * n[1] + cross[2] * n[2], `triangle ${t / 3}`).toBeGreaterThan(0);
  }
}

describe('culledCubes', () => {
  it('one cell: 6 faces, 12 outward triangles spanning the unit cube at (d, h, w)', () => {
    const m = culledCubes(grid(3, 3, 3, [[1, 2, 0]]), 0.5);
    expect([m.drawnVoxels, m.faces, m.indices.length]).toEqual([1, 6, 36]);
    const xs = Array.from(m.positions.filter((_, i) => i % 3 === 0));
    const ys = Array.from(m.positions.filter((_, i) => i % 3 === 1));
    const zs = Array.from(m.positions.filter((_, i) => i % 3 === 2));
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys), Math.min(...zs), Math.max(...zs)]).toEqual([1, 2, 2, 3, 0, 1]);
    expect(Array.from(new Set(m.occlusion))).toEqual([1]); // nothing around it
    expectOutwardWinding(m);
  });

  it('two touching cells share no face (10); an L of three has 14; a 2×2×2 block has 24', () => {
    expect(culledCubes(grid(3, 3, 3, [[0, 0, 0], [0, 0, 1]]), 0.5).faces).toBe(10);
    expect(culledCubes(grid(3, 3, 3, [[0, 0, 0], [0, 0, 1], [0, 1, 0]]), 0.5).faces).toBe(14);
    const block: [number, number, number][] = [];
    for (let i = 0; i < 8; i++) block.push([i >> 2, (i >> 1) & 1, i & 1]);
    const m = culledCubes(grid(2, 2, 2, block), 0.5);
    expect(m.faces).toBe(24);
    expectOutwardWinding(m);
  });

  it('ambient occlusion: a cell on a floor is darkened only at the corners next to it', () => {
    // A 3×3 floor at h = 0 and one cell on its centre: the floor's top faces around the cell's foot lose light.
    const cells: [number, number, number][] = [[1, 1, 1]];
    for (let d = 0; d < 3; d++) for (let w = 0; w < 3; w++) cells.push([d, 0, w]);
    const m = culledCubes(grid(3, 3, 3, cells), 0.5);
    expect(m.faces).toBe(8 + 9 + 12 + 5); // floor: top 8 (one covered), bottom 9, sides 12; the cell: 5
    // The cell's four side faces meet the floor along their bottom edge: each bottom corner has the floor cell below
    // it and the diagonal one filled (2 of 3 → 0.68); the top corners are open (1).
    const shades: number[] = [];
    for (let f = 0; f < m.faces; f++) {
      const isSide = m.normals[f * 12 + 1] === 0;
      for (let k = 0; k < 4; k++) {
        const y = m.positions[(f * 4 + k) * 3 + 1];
        if (isSide && m.positions[f * 12 + 1] >= 1) shades.push(y === 1 ? m.occlusion[f * 4 + k] - 10 : m.occlusion[f * 4 + k]);
      }
    }
    expect(shades.filter((s) => s < 0).map((s) => +(s + 10).toFixed(2))).toEqual(Array(8).fill(0.68));
    expect(shades.filter((s) => s >= 0)).toEqual(Array(8).fill(1));
    // The floor's top faces around the foot lose light at the corners that touch the cell (one side: 0.82).
    const floorTop: number[] = [];
    for (let f = 0; f < m.faces; f++) if (m.normals[f * 12 + 1] === 1 && m.positions[f * 12 + 1] === 1) for (let k = 0; k < 4; k++) floorTop.push(+m.occlusion[f * 4 + k].toFixed(2));
    // 4 edge neighbours × 2 corners + 4 diagonal neighbours × 1 corner.
    expect(floorTop.filter((s) => s < 1)).toEqual(Array(12).fill(0.82));
  });

  it('threshold: a cell is drawn when its value is at least the threshold', () => {
    const g = grid(2, 1, 1, [[0, 0, 0]], 0.4);
    g.data[1] = 0.7;
    expect(culledCubes(g, 0.4).drawnVoxels).toBe(2);
    expect(culledCubes(g, 0.41).drawnVoxels).toBe(1);
    expect(culledCubes(g, 0.71).drawnVoxels).toBe(0);
  });

  it('slicing keeps the cells below the cut and closes the cut with faces', () => {
    const full: [number, number, number][] = [];
    for (let d = 0; d < 4; d++) full.push([d, 0, 0]);
    const g = grid(4, 1, 1, full);
    expect(culledCubes(g, 0.5).faces).toBe(4 * 4 + 2);
    const cut = culledCubes(g, 0.5, [2, 1, 1]);
    expect([cut.drawnVoxels, cut.faces]).toEqual([2, 2 * 4 + 2]);
    expect(Math.max(...cut.positions.filter((_, i) => i % 3 === 0))).toBe(2);
  });
});
