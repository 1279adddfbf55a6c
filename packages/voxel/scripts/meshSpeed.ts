// Speed of the meshers that `ebm-voxel mesh` and the viewer share (@ebm/voxel/meshing), beside three.js's
// MarchingCubes (the viewer's isosurface before it used surface nets), on the viewer's orbit grid (a 64³ bumpy float
// torus, threshold ½) and a 64³ grid of uniform noise (the worst case: faces everywhere). Median of --runs runs:
//   node_modules/.bin/tsx packages/voxel/scripts/meshSpeed.ts [--size 64] [--runs 5]
import { parseArgs } from 'node:util';
import { MeshBasicMaterial } from 'three';
import { MarchingCubes } from 'three/examples/jsm/objects/MarchingCubes.js';
import { Rng } from '@ebm/core';
import { culledCubes, surfaceNets, type VoxelGrid } from '../src/meshing/index.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '64' }, runs: { type: 'string', default: '5' } } });
const R = Number(values.size);
const runs = Number(values.runs);

function gridFrom(value: (x: number, y: number, z: number) => number): VoxelGrid {
  const data = new Float32Array(R ** 3);
  for (let d = 0; d < R; d++) for (let h = 0; h < R; h++) for (let w = 0; w < R; w++) data[(d * R + h) * R + w] = value((d + 0.5) / R - 0.5, (h + 0.5) / R - 0.5, (w + 0.5) / R - 0.5);
  return { shape: [R, R, R], data };
}

const torus = gridFrom((x, y, z) => {
  const ring = Math.hypot(Math.hypot(x, z) - 0.28, y);
  const bumps = 0.02 * Math.sin(31 * x) * Math.sin(27 * y) * Math.sin(23 * z);
  return Math.min(1, Math.max(0, (0.16 + bumps - ring) * 12 + 0.5));
});
const rng = new Rng(1);
const noise = gridFrom(() => rng.uniform());

/** three's MarchingCubes as the viewer used it: the grid padded by 2 zero cells, buffers sized by the face count. */
function marchingCubes(grid: VoxelGrid, threshold: number): number {
  const [D, H, W] = grid.shape;
  const pad = 2;
  const size = Math.max(D, H, W) + 2 * pad;
  const mc = new MarchingCubes(size, new MeshBasicMaterial(), false, false, 3 * culledCubes(grid, threshold).faces + 1024);
  const field = mc.field as Float32Array;
  for (let d = 0; d < D; d++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) field[d + pad + (h + pad) * size + (w + pad) * size * size] = grid.data[(d * H + h) * W + w];
  mc.isolation = threshold;
  mc.update();
  return (mc as unknown as { count: number }).count / 3;
}

function median(f: () => number): { ms: number; triangles: number } {
  let triangles = 0;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    triangles = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], triangles };
}

for (const [name, grid] of [[`torus ${R}³`, torus], [`noise ${R}³`, noise]] as const) {
  const rows = {
    'culledCubes': median(() => culledCubes(grid, 0.5).indices.length / 3),
    'surfaceNets': median(() => surfaceNets(grid, 0.5).indices.length / 3),
    'three MarchingCubes (incl. its face count)': median(() => marchingCubes(grid, 0.5)),
  };
  for (const [mesher, r] of Object.entries(rows)) process.stdout.write(`${name}: ${mesher} ${r.ms.toFixed(1)} ms, ${r.triangles} triangles\n`);
}
