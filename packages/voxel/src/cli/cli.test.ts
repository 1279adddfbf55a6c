import { EnergyModel, saveModel } from '@ebm/core';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeVoxelFile, parseMeshFile, type VoxelBatch } from '../formats/index.js';
import { readVoxelFile } from '../io/voxelFileIO.js';
import { loadVoxelModel } from '../model/voxelModelFile.js';
import { boxMesh, icosphereMesh } from '../shapes/primitives.js';
import { shapeMeshes } from '../shapes/shapeClasses.js';
import { voxelizeMesh } from '../voxelize/voxelizeMesh.js';
import { downsample } from '../superres/upsample.js';
import { expectOneLineError as expectCliError, runCli, type CliRun } from '../../../../testing/cliProcess.js';

/**
 * `ebm-voxel` as users run it: separate processes (the source through tsx), exit codes 0 / 1 / 2, one-line errors
 * naming the file and the problem, nothing written on failure. Small grids (16³) and few iterations.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const R = 16;

function ebmVoxel(...args: string[]): Promise<CliRun> {
  const threads = ['train', 'synthesize', 'recover', 'super-resolve'].includes(args[0]) && !args.includes('--help') ? ['--threads', '1'] : [];
  return runCli(MAIN, [...args, ...threads]);
}

function expectOneLineError(r: CliRun, code: number, text: string | RegExp): void {
  expectCliError(r, 'ebm-voxel', code, text);
}

function offText(mesh: { positions: Float32Array; indices: Uint32Array }): string {
  const v = mesh.positions.length / 3;
  const f = mesh.indices.length / 3;
  const lines = ['OFF', `${v} ${f} 0`];
  for (let i = 0; i < v; i++) lines.push(Array.from(mesh.positions.subarray(3 * i, 3 * i + 3)).join(' '));
  for (let t = 0; t < f; t++) lines.push(`3 ${Array.from(mesh.indices.subarray(3 * t, 3 * t + 3)).join(' ')}`);
  return lines.join('\n') + '\n';
}

let dir: string;
let data: string;
let model: string;
let grid: VoxelBatch;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-voxel-cli-'));
  data = join(dir, 'data');
  await mkdir(data);
  // Training folder: two meshes and two grids of tables (meshes are voxelized on the way in).
  const tables = shapeMeshes('table', 4, 3);
  await writeFile(join(data, 't0.off'), offText(tables[0]));
  await writeFile(join(data, 't1.off'), offText(tables[1]));
  await writeFile(join(data, 't2.binvox'), encodeVoxelFile('t2.binvox', voxelizeMesh(tables[2], R)));
  await writeFile(join(data, 't3.npy'), encodeVoxelFile('t3.npy', voxelizeMesh(tables[3], R)));
  await writeFile(join(data, 'README.txt'), 'not a shape');
  grid = voxelizeMesh(shapeMeshes('table', 5, 3)[4], R);
  await writeFile(join(dir, 'table.npy'), encodeVoxelFile('table.npy', grid));
  const mask = new Float32Array(R ** 3).map((_, i) => ((i * 7919) % 10 < 5 ? 1 : 0));
  await writeFile(join(dir, 'mask.npy'), encodeVoxelFile('mask.npy', { shape: [1, R, R, R], data: mask }, { dtype: 'bool' }));
  await writeFile(join(dir, 'mask8.npy'), encodeVoxelFile('mask8.npy', { shape: [1, 8, 8, 8], data: new Float32Array(512) }));
  await writeFile(join(dir, 'coarse.npy'), encodeVoxelFile('coarse.npy', downsample(grid, 2)));
  await writeFile(join(dir, 'cube.off'), offText(boxMesh([0, 0, 0], [1, 1, 1])));
  await writeFile(join(dir, 'sphere.stl'), 'solid s\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 nan 0\nendloop\nendfacet\nendsolid\n');
  await writeFile(join(dir, 'broken.binvox'), '#binvox 1\ndim 16 16 16\ndata\n\x00\x10');
  const image = await EnergyModel.create({ input: [1, 4, 4], layers: [{ type: 'conv2d', outChannels: 1, kernel: 3 }] });
  await saveModel(join(dir, 'image.ebm'), image, { domain: 'image' });
  await image.dispose();
  model = join(dir, 'model.ebm');
  const train = await ebmVoxel('train', '--data', data, '--out', model, '--resolution', String(R), '--iterations', '2', '--steps', '2', '--seed', '1');
  expect(train.code, train.stderr).toBe(0);
  expect(train.stderr).toMatch(/training \[#+\] 2\/2/);
  expect(train.stderr).toMatch(/wrote .*model\.ebm \(shape model, 16³, 2 iterations/);
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ebm-voxel', () => {
  it('lists its commands and has --help on every one', async () => {
    // Two processes (the command list, one command's help); the other commands' help in this process, through
    // the same entry functions main.ts dispatches to (each process costs seconds on a loaded 2-core machine).
    const [top, train] = await Promise.all([ebmVoxel('--help'), ebmVoxel('train', '--help')]);
    expect(top.code).toBe(0);
    for (const c of ['voxelize', 'train', 'synthesize', 'recover', 'super-resolve', 'mesh', 'shapes', 'export']) expect(top.stdout).toContain(c);
    expect([train.code, train.stderr]).toEqual([0, '']);
    expect(train.stdout).toMatch(/^Usage: ebm-voxel train /);
    expect(train.stdout).toMatch(/--energy-penalty <α>/);
    const commands: [string, () => Promise<(argv: string[]) => Promise<void>>][] = [
      ['voxelize', async () => (await import('./voxelizeCommand.js')).voxelizeCommand],
      ['synthesize', async () => (await import('./synthesizeCommand.js')).synthesizeCommand],
      ['recover', async () => (await import('./recoverCommand.js')).recoverCommand],
      ['super-resolve', async () => (await import('./superResolveCommand.js')).superResolveCommand],
      ['mesh', async () => (await import('./meshCommand.js')).meshCommand],
      ['shapes', async () => (await import('./shapesCommand.js')).shapesCommand],
      ['export', async () => (await import('./exportCommand.js')).exportCommand],
    ];
    const helps: Record<string, string> = {};
    for (const [name, load] of commands) {
      const run = await load();
      let text = '';
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((text += String(chunk)), true));
      try {
        await run(['--help']);
      } finally {
        write.mockRestore();
      }
      expect(text, name).toMatch(new RegExp(`^Usage: ebm-voxel ${name} `));
      helps[name] = text;
    }
    expect(helps.synthesize).toMatch(/float32 occupancies in \[0, 1\] at the model's resolution/);
    expect(helps.voxelize).toMatch(/--up <y\|z>/);
    expect(helps['super-resolve']).toMatch(/--soft/);
  });

  it('voxelize: a cube OFF becomes a solid binvox grid; a NaN STL is refused with nothing written', async () => {
    const out = join(dir, 'cube.binvox');
    const r = await ebmVoxel('voxelize', join(dir, 'cube.off'), '--resolution', '8', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const g = await readVoxelFile(out);
    expect(g.shape).toEqual([1, 8, 8, 8]);
    expect(g.data.reduce((s, v) => s + v, 0)).toBe(6 ** 3);
    const bad = await ebmVoxel('voxelize', join(dir, 'sphere.stl'), '--out', join(dir, 'nan.npy'));
    expectOneLineError(bad, 1, /sphere\.stl: line 6 has a coordinate that is not a finite number/);
    expect(existsSync(join(dir, 'nan.npy'))).toBe(false);
  });

  it('train --resume continues the saved trainer (iterations add up)', async () => {
    const copy = join(dir, 'resume.ebm');
    await writeFile(copy, await readFile(model));
    const r = await ebmVoxel('train', '--data', data, '--out', copy, '--resume', '--iterations', '1');
    expect(r.code, r.stderr).toBe(0);
    const m = await loadVoxelModel(copy);
    expect(m.trainerState?.iteration).toBe(3);
    await m.model.dispose();
    const wrong = await ebmVoxel('train', '--data', data, '--out', copy, '--resume', '--resolution', '32');
    expectOneLineError(wrong, 2, /was trained at 16³; drop --resolution/);
  });

  it('synthesize: a batch .npy of float32 occupancies, or numbered mesh files', async () => {
    const out = join(dir, 's.npy');
    const r = await ebmVoxel('synthesize', '--model', model, '--count', '2', '--steps', '3', '--descent-steps', '2', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const s = await readVoxelFile(out);
    expect(s.shape).toEqual([2, R, R, R]);
    expect(s.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    const glb = await ebmVoxel('synthesize', '--model', model, '--count', '2', '--steps', '2', '--descent-steps', '0', '--out', join(dir, 's.obj'));
    expect(glb.code, glb.stderr).toBe(0);
    expect(existsSync(join(dir, 's-0.obj')) && existsSync(join(dir, 's-1.obj'))).toBe(true);
  });

  it('recover: model, --learn and --method fill keep the observed voxels; a mask of another size is refused', async () => {
    const results: Record<string, Float32Array> = {};
    for (const [name, extra] of [['model', ['--steps', '3', '--start', 'fill']], ['learn', ['--learn', '--iterations', '2', '--steps', '2']], ['fill', ['--method', 'fill']]] as const) {
      const out = join(dir, `rec-${name}.npy`);
      const args = ['recover', '--input', join(dir, 'table.npy'), '--mask', join(dir, 'mask.npy'), '--out', out, ...extra];
      const r = await ebmVoxel(...(name === 'fill' ? args : [...args, '--model', model]));
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      results[name] = (await readVoxelFile(out)).data;
    }
    for (const [name, rec] of Object.entries(results)) {
      for (let i = 0; i < rec.length; i += 97) if ((i * 7919) % 10 >= 5) expect(rec[i], `${name} observed voxel ${i}`).toBe(grid.data[i]);
    }
    const bad = await ebmVoxel('recover', '--model', model, '--input', join(dir, 'table.npy'), '--mask', join(dir, 'mask8.npy'), '--out', join(dir, 'bad.npy'));
    expectOneLineError(bad, 1, /mask8\.npy: the mask is 8×8×8, but the grid is 16×16×16/);
    const big = await ebmVoxel('recover', '--model', model, '--input', join(dir, 'cube.binvox'), '--mask', join(dir, 'mask8.npy'), '--out', join(dir, 'bad.npy'));
    expectOneLineError(big, 1, /cube\.binvox is 8×8×8, but the model works on 16³ grids/);
    expect(existsSync(join(dir, 'bad.npy'))).toBe(false);
  });

  it('super-resolve: block averages of the result equal the coarse input; baselines need no model; a bad scale is refused', async () => {
    const out = join(dir, 'sr.npy');
    const r = await ebmVoxel('super-resolve', '--model', model, '--input', join(dir, 'coarse.npy'), '--scale', '2', '--steps', '3', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const fine = await readVoxelFile(out);
    expect(fine.shape).toEqual([1, R, R, R]);
    const back = downsample(fine, 2).data;
    const coarse = downsample(grid, 2).data;
    for (let i = 0; i < coarse.length; i++) expect(Math.abs(back[i] - coarse[i])).toBeLessThan(1e-3);
    // Rounded per block: the coarse grid is the block average of a 0/1 grid, so the result is 0/1 as well.
    expect(fine.data.every((v) => v === 0 || v === 1)).toBe(true);
    const tri = await ebmVoxel('super-resolve', '--method', 'trilinear', '--input', join(dir, 'coarse.npy'), '--scale', '2', '--out', join(dir, 'tri.binvox'));
    expect(tri.code, tri.stderr).toBe(0);
    const bad = await ebmVoxel('super-resolve', '--model', model, '--input', join(dir, 'coarse.npy'), '--scale', '3', '--out', join(dir, 'bad.npy'));
    expectOneLineError(bad, 1, /scale 3 does not divide the model's resolution 16/);
    const wrong = await ebmVoxel('super-resolve', '--model', model, '--input', join(dir, 'coarse.npy'), '--scale', '4', '--out', join(dir, 'bad.npy'));
    expectOneLineError(wrong, 1, /coarse\.npy: the coarse grid is 8×8×8, but a 16³ model with scale 4 takes 4³ grids/);
    expect(existsSync(join(dir, 'bad.npy'))).toBe(false);
  });

  it('shapes: generated chairs as numbered binvox grids and as OBJ meshes', async () => {
    const r = await ebmVoxel('shapes', '--kind', 'chair', '--count', '2', '--resolution', '16', '--out', join(dir, 'gen.binvox'));
    expect(r.code, r.stderr).toBe(0);
    const g = await readVoxelFile(join(dir, 'gen-1.binvox'));
    expect(g.shape).toEqual([1, 16, 16, 16]);
    expect(g.data.reduce((s, v) => s + v, 0)).toBeGreaterThan(50);
    const m = await ebmVoxel('shapes', '--kind', 'mug', '--count', '1', '--out', join(dir, 'gen.obj'));
    expect(m.code, m.stderr).toBe(0);
    expect(parseMeshFile('gen.obj', await readFile(join(dir, 'gen.obj'))).indices.length).toBeGreaterThan(300);
    expectOneLineError(await ebmVoxel('shapes', '--kind', 'sofa', '--out', join(dir, 'x.npy')), 2, /--kind sofa is not a shape class/);
  });

  it('mesh and export: OBJ/STL/GLB through three, ONNX with domain voxel', async () => {
    for (const [ext, method] of [['obj', 'cubes'], ['stl', 'surface'], ['glb', 'surface']]) {
      const out = join(dir, `table.${ext}`);
      const r = await ebmVoxel('mesh', '--input', join(dir, 'table.npy'), '--out', out, '--method', method);
      expect(r.code, r.stderr).toBe(0);
      if (ext !== 'glb') expect(parseMeshFile(out, await readFile(out)).indices.length).toBeGreaterThan(100);
    }
    const onnx = join(dir, 'model.onnx');
    const e = await ebmVoxel('export', '--model', model, '--out', onnx);
    expect(e.code, e.stderr).toBe(0);
    expect((await readFile(onnx)).toString('latin1')).toContain('"voxel"'.slice(1, -1));
  });

  it('refuses bad input with one line naming the file, writing nothing', async () => {
    const cases: [string[], number, RegExp][] = [
      [['recover', '--model', join(dir, 'image.ebm'), '--input', join(dir, 'table.npy'), '--mask', join(dir, 'mask.npy'), '--out', join(dir, 'x.npy')], 1, /image\.ebm is an image model, not a voxel model|image\.ebm.*voxel/],
      [['mesh', '--input', join(dir, 'broken.binvox'), '--out', join(dir, 'x.obj')], 1, /broken\.binvox is truncated/],
      [['mesh', '--input', join(dir, 'missing.npy'), '--out', join(dir, 'x.obj')], 1, /cannot read .*missing\.npy: no such file/],
      [['train', '--data', join(dir, 'nowhere'), '--out', join(dir, 'x.ebm')], 1, /cannot read .*nowhere: no such file or folder/],
      [['voxelize', join(dir, 'cube.off'), '--out', join(dir, 'no', 'x.npy')], 2, /folder .* does not exist/],
      [['mesh', '--input', join(dir, 'table.npy'), '--out', join(dir, 'x.obj'), '--threshold', '1.5'], 2, /--threshold 1\.5 must be a number between 0 and 1/],
      [['recover', '--model', model, '--input', join(dir, 'table.npy'), '--mask', join(dir, 'mask.npy'), '--out', join(dir, 'x.npy'), '--start', 'zeros'], 2, /--start zeros must be soft-fill or fill/],
    ];
    const runs = await Promise.all(cases.map(([args]) => ebmVoxel(...args)));
    runs.forEach((r, k) => expectOneLineError(r, cases[k][1], cases[k][2]));
    expect(readdirSync(dir).filter((f) => f.startsWith('x.') || f.startsWith('.x.'))).toEqual([]);
  });
});
