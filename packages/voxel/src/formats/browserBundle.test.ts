import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

/**
 * The contract with the viewer: `@ebm/voxel/formats` bundles for a browser (Vite) without Node built-ins or
 * onnxruntime, and the bundle works on its own.
 */
describe('@ebm/voxel/formats in a browser bundle', () => {
  it('bundles with Vite for the browser, with no node: import and no onnxruntime, and decodes a grid', async () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const warnings: string[] = [];
    const result = (await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: 'formats' }, rollupOptions: { onwarn: (w) => void warnings.push(w.message) } },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const output = (Array.isArray(result) ? result[0] : result).output;
    const code = output.map((o) => ('code' in o ? o.code : '')).join('\n');
    expect(code).not.toMatch(/from ['"]node:|require\(['"]node:|browser[_-]external|onnxruntime|sharp/);
    expect(warnings.filter((w) => /externalized for browser|node:/.test(w))).toEqual([]);
    // Run the bundle itself: write a .vox and read it back.
    const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    const grid = { shape: [1, 2, 2, 2], data: Float32Array.from([1, 0, 0, 0, 0, 0, 0, 1]) };
    const back = mod.decodeVoxelFile('g.vox', mod.encodeVoxelFile('g.vox', grid));
    expect(Array.from(back.data)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
    expect(code.length).toBeLessThan(100_000);
  });
});
