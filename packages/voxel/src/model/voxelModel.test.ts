import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveNetwork } from '@ebm/core';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { shapeMeshes } from '../shapes/shapeClasses.js';
import { voxelizeMesh } from '../voxelize/voxelizeMesh.js';
import { createVoxelModel, trainVoxelModel } from '../training/trainVoxelModel.js';
import { recoverShapes } from '../recovery/recoverShapes.js';
import { randomVoxelMask } from '../recovery/VoxelMask.js';
import { superResolve } from '../superres/superResolve.js';
import { downsample } from '../superres/upsample.js';
import { Rng } from '@ebm/core';
import { shapeNetwork, shapePreset } from './shapePreset.js';
import { loadVoxelModel, saveVoxelModel } from './voxelModelFile.js';

const R = 16;
const tiny = shapePreset({ resolution: R, channels: [4, 8, 8], steps: 2, chains: 2 });

function tables(n: number, seed: number): VoxelBatch {
  const grids = shapeMeshes('table', n, seed).map((m) => voxelizeMesh(m, R).data);
  const data = new Float32Array(n * R ** 3);
  grids.forEach((g, i) => data.set(g, i * R ** 3));
  return { shape: [n, R, R, R], data };
}

describe('the shape preset and voxel models', () => {
  it('ends in a 4³ map at 16³, 32³ and 64³ (first-layer stride R/16), with the reference Gaussian inside', () => {
    for (const resolution of [16, 32, 64]) {
      const spec = shapeNetwork(shapePreset({ resolution }));
      const net = resolveNetwork(spec);
      const last = net.layers.find((l, i) => net.layers[i + 1]?.spec.type === 'flatten')!;
      expect(last.outShape, `R = ${resolution}`).toEqual([64, 4, 4, 4]);
      expect(spec.referenceSigma).toBe(0.5);
    }
    expect(() => shapePreset({ resolution: 40 })).toThrow(/multiple of 16/);
  });

  it('saves and loads a model; training resumed from the file continues exactly (2 + 2 iterations = 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ebm-voxel-model-'));
    try {
      const data = tables(3, 1);
      const straight = await createVoxelModel(data, tiny, { seed: 2, threads: 1 });
      await trainVoxelModel(straight, data, 4);
      const first = await createVoxelModel(data, tiny, { seed: 2, threads: 1 });
      await trainVoxelModel(first, data, 2);
      await saveVoxelModel(join(dir, 'm.ebm'), first);
      const loaded = await loadVoxelModel(join(dir, 'm.ebm'), { threads: 1 });
      expect(loaded.mean).toBeCloseTo(first.mean, 7);
      expect(loaded.preset).toEqual(first.preset);
      await trainVoxelModel(loaded, data, 2);
      expect(Buffer.from(loaded.model.theta.buffer).equals(Buffer.from(straight.model.theta.buffer))).toBe(true);
      for (const m of [straight, first, loaded]) await m.model.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recovery keeps observed voxels bit for bit; super-resolution keeps every block average of the coarse input', async () => {
    const data = tables(2, 3);
    const m = await createVoxelModel(data, tiny, { seed: 1, threads: 1 });
    await trainVoxelModel(m, data, 2);
    const mask = randomVoxelMask(R ** 3, 0.5, new Rng(1));
    const incomplete = { shape: data.shape, data: data.data.map((v, i) => (mask[i % mask.length] ? 0 : v)) };
    const rec = await recoverShapes(m, incomplete, mask, { steps: 3 });
    for (let i = 0; i < rec.data.length; i++) if (!mask[i % mask.length]) expect(rec.data[i]).toBe(data.data[i]);
    expect(rec.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    const coarse = downsample(data, 2);
    const sr = await superResolve(m, coarse, 2, { steps: 3 });
    const back = downsample(sr, 2).data;
    let worst = 0;
    for (let i = 0; i < back.length; i++) worst = Math.max(worst, Math.abs(back[i] - coarse.data[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(sr.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    await expect(superResolve(m, coarse, 3)).rejects.toThrow(/scale 3 does not divide the model's resolution 16/);
    await m.model.dispose();
  });
});
