import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/**
 * The contract with the viewer: `@ebm/voxel/formats` and `@ebm/voxel/meshing` bundle for a browser (Vite) without
 * Node built-ins or onnxruntime, and each bundle works on its own.
 */
async function browserBundle(entry: string): Promise<string> {
  const warnings: string[] = [];
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'bundle' }, rollupOptions: { onwarn: (w) => void warnings.push(w.message) } },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const output = (Array.isArray(result) ? result[0] : result).output;
  const code = output.map((o) => ('code' in o ? o.code : '')).join('\n');
  expect(code).not.toMatch(/from ['"]node:|require\(['"]node:|browser[_-]external|onnxruntime|sharp/);
  expect(warnings.filter((w) => /externalized for browser|node:/.test(w))).toEqual([]);
  return code;
}

const load = (code: string) => import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

describe('the browser-safe entries in a browser bundle', () => {
  it('@ebm/voxel/formats: no node: import and no onnxruntime; the bundle writes a .vox and reads it back', async () => {
    const code = await browserBundle(fileURLToPath(new URL('./formats/index.ts', import.meta.url)));
    const mod = await load(code);
    const grid = { shape: [1, 2, 2, 2], data: Float32Array.from([1, 0, 0, 0, 0, 0, 0, 1]) };
    const back = mod.decodeVoxelFile('g.vox', mod.encodeVoxelFile('g.vox', grid));
    expect(Array.from(back.data)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
    expect(code.length).toBeLessThan(100_000);
  });

  it('@ebm/voxel/meshing: no node: import and no onnxruntime; the bundle meshes a grid with three inside', async () => {
    const mod = await load(await browserBundle(fileURLToPath(new URL('./meshing/index.ts', import.meta.url))));
    const grid = { shape: [2, 1, 1], data: Float32Array.from([1, 1]) };
    expect(mod.culledCubes(grid, 0.5).faces).toBe(10);
    expect(mod.cubesGeometry(grid).getIndex().count).toBe(60);
    expect(mod.surfaceNets(grid, 0.5).drawnVoxels).toBe(2);
  });
});
