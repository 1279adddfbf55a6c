import { EnergyModel, ModelFileError, saveModel } from '@ebm/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smoothnessScale } from '../energy/smoothReference.js';
import { texturePreset } from '../presets/texturePreset.js';
import { generateTexture } from '../textures/generateTexture.js';
import { resumeTraining } from '../training/resumeTraining.js';
import { trainImageModel } from '../training/trainImageModel.js';
import { imageEnergyFn } from './ImageModel.js';
import { loadImageModel } from './loadImageModel.js';
import { saveImageModel } from './saveImageModel.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const small = texturePreset({ size: 16, filters: 4, steps: 3 });
const data = [generateTexture('brick', { size: 16, seed: 3 })];

describe('image model files', () => {
  it('round-trip θ, preset (with the fitted λ), normalisation and size; the energy is the same after loading', async () => {
    const m = await trainImageModel(data, { preset: small, iterations: 2, seed: 5, threads: 1 });
    expect(smoothnessScale(m.preset.smoothness)).toBeGreaterThan(1);
    const file = join(dir, 'small.ebm');
    await saveImageModel(file, m, { data: 'brick' });
    const back = await loadImageModel(file, { threads: 1 });
    expect(Array.from(back.model.theta)).toEqual(Array.from(m.model.theta));
    expect([back.preset.name, back.channels, back.width, back.height]).toEqual(['texture', 3, 16, 16]);
    expect(back.preset.smoothness).toEqual(m.preset.smoothness);
    expect(back.preset.sampler).toEqual(m.preset.sampler);
    expect(back.normalisation).toEqual({ kind: 'symmetric' });
    expect(back.trainerState?.iteration).toBe(2);
    const x = Float32Array.from({ length: 3 * 24 * 20 }, (_, i) => Math.sin(i) * 0.5);
    const [a, b] = await Promise.all([imageEnergyFn(m, 20, 24)(x), imageEnergyFn(back, 20, 24)(x)]);
    expect(b.energy[0]).toBe(a.energy[0]);
    expect(Array.from(b.grad)).toEqual(Array.from(a.grad));
    await Promise.all([m.model.dispose(), back.model.dispose()]);
  });

  it('round-trip a coupled colour precision (coupleChannels): the same 3×3 P and the same energy after loading', async () => {
    const m = await trainImageModel(data, { preset: texturePreset({ size: 16, filters: 4, steps: 3, coupleChannels: true }), iterations: 1, seed: 5, threads: 1 });
    expect(m.preset.smoothness).toHaveLength(9);
    const file = join(dir, 'coupled.ebm');
    await saveImageModel(file, m);
    const back = await loadImageModel(file, { threads: 1 });
    expect(back.preset.smoothness).toEqual(m.preset.smoothness);
    const x = Float32Array.from({ length: 3 * 16 * 16 }, (_, i) => Math.cos(i) * 0.5);
    const [a, b] = await Promise.all([imageEnergyFn(m)(x), imageEnergyFn(back)(x)]);
    expect(b.energy[0]).toBe(a.energy[0]);
    await Promise.all([m.model.dispose(), back.model.dispose()]);
  });

  it('resumes exactly: 2 + 2 iterations through a file give the θ of 4 in one run', async () => {
    const once = await trainImageModel(data, { preset: small, iterations: 4, seed: 9, threads: 1 });
    const first = await trainImageModel(data, { preset: small, iterations: 2, seed: 9, threads: 1 });
    const file = join(dir, 'resume.ebm');
    await saveImageModel(file, first);
    const loaded = await loadImageModel(file, { threads: 1 });
    await resumeTraining(loaded, data, 2);
    expect(loaded.trainer?.iteration).toBe(4);
    expect(Array.from(loaded.model.theta)).toEqual(Array.from(once.model.theta));
    await Promise.all([once.model.dispose(), first.model.dispose(), loaded.model.dispose()]);
  });

  it('refuses a voxel model and a file that is not a model, naming the file', async () => {
    const voxel = await EnergyModel.create({ input: [1, 4, 4, 4], layers: [{ type: 'conv3d', outChannels: 1, kernel: 3 }] });
    const file = join(dir, 'chair.ebm');
    await saveModel(file, voxel, { domain: 'voxel' });
    await expect(loadImageModel(file)).rejects.toThrow(`model file ${file} is a voxel model, not an image model; use ebm-voxel for it`);
    await expect(loadImageModel(join(dir, 'none.ebm'))).rejects.toBeInstanceOf(ModelFileError);
    await voxel.dispose();
  });

  it('an object model runs at its training size only', async () => {
    const m = await trainImageModel([generateTexture('cloud', { size: 32, seed: 1 })], {
      preset: 'object',
      iterations: 0,
      threads: 1,
    });
    expect(() => imageEnergyFn(m, 64, 64)).toThrow(/an object model works at its training size 32x32, not 64x64/);
    await m.model.dispose();
  });
});
