import { loadModel, saveModel, EnergyModel } from '@ebm/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClip } from '../clips/generateClip.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { dynamicTexturePreset } from '../presets/dynamicTexturePreset.js';
import { synthesizeVideo } from '../synthesis/synthesizeVideo.js';
import { resumeTraining, trainVideoModel } from '../training/trainVideoModel.js';
import { loadVideoModel } from './loadVideoModel.js';
import { saveVideoModel } from './saveVideoModel.js';
import { videoEnergyFn } from './VideoModel.js';

/** Training, model files, resuming and synthesis at other sizes, on a tiny clip (8 frames of 16×12). */

let dir: string;
let clip: VideoTensor;
const preset = dynamicTexturePreset({ frames: 8, width: 16, height: 12, filters: 4, steps: 3, init: 'persistent' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-video-model-'));
  clip = await generateClip('clouds', { frames: 8, width: 16, height: 12 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('video models', () => {
  it('train, save, load (same energies), resume exactly, synthesize longer and larger clips', async () => {
    const m = await trainVideoModel([clip], { preset, iterations: 2, seed: 1, threads: 1 });
    expect(m.trainer!.iteration).toBe(2);
    expect(m.preset.smoothness.time).toBeGreaterThan(0); // fitted to the clip
    const file = join(dir, 'm.ebm');
    await saveVideoModel(file, m);
    const loaded = await loadVideoModel(file, { threads: 1 });
    expect([loaded.frames, loaded.height, loaded.width, loaded.channels, loaded.fps]).toEqual([8, 12, 16, 3, 12]);
    expect(loaded.preset.smoothness).toEqual(m.preset.smoothness);
    const x = Float32Array.from({ length: 3 * 8 * 12 * 16 }, (_, i) => Math.sin(i) * 0.5);
    const [a, b] = await Promise.all([videoEnergyFn(m)(x), videoEnergyFn(loaded)(x)]);
    expect(b.energy[0]).toBeCloseTo(a.energy[0], 3);
    // Two more iterations after a reload equal four in one run.
    await resumeTraining(loaded, [clip], 2);
    await resumeTraining(m, [clip], 2);
    expect(loaded.trainer!.iteration).toBe(4);
    expect(Array.from(loaded.model.theta.subarray(0, 20))).toEqual(Array.from(m.model.theta.subarray(0, 20)));
    const [long] = await synthesizeVideo(loaded, { frames: 12, width: 24, height: 16, steps: 2, seed: 2 });
    expect([long.frames, long.height, long.width]).toEqual([12, 16, 24]);
    expect(long.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // At the training size synthesis continues the persistent chains saved in the file: with 0 steps it is the chain.
    const chain = loaded.trainer!.state().persistent!.data as Float32Array;
    const [continued] = await synthesizeVideo(loaded, { steps: 0 });
    let worst = 0;
    for (let i = 0; i < chain.length; i++) worst = Math.max(worst, Math.abs(continued.data[i] - Math.min(1, Math.max(0, 0.5 * (chain[i] + 1)))));
    expect(worst).toBeLessThan(1e-6);
    const [fresh] = await synthesizeVideo(loaded, { steps: 0, start: 'noise', seed: 3 });
    expect(fresh.data.some((v, i) => Math.abs(v - continued.data[i]) > 0.01)).toBe(true);
    await expect(synthesizeVideo(loaded, { frames: 12, start: 'persistent' })).rejects.toThrow(/holds no persistent chains of 12 frames of 16x12 \(synthesize from noise, or at the training size\)/);
    await Promise.all([m.model.dispose(), loaded.model.dispose()]);
  });

  it("keeps synthesized colours inside the training clip's principal-axis colour box ('off' does not)", async () => {
    const smoke = await generateClip('smoke', { frames: 8, width: 16, height: 12 });
    const n = 8 * 12 * 16;
    /** Largest departure from grey: max over pixels of |R − G| + |G − B|, [0, 1] units. */
    const chroma = (v: VideoTensor): number => {
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(v.data[i] - v.data[n + i]) + Math.abs(v.data[n + i] - v.data[2 * n + i]));
      return worst;
    };
    const spread = async (colours: 'fit' | 'off'): Promise<number> => {
      const m = await trainVideoModel([smoke], { preset: dynamicTexturePreset({ frames: 8, width: 16, height: 12, filters: 4, steps: 3, initStd: 0.5, colours }), iterations: 1, seed: 1, threads: 1 });
      const [s] = await synthesizeVideo(m, { steps: 5, seed: 2 });
      await m.model.dispose();
      return chroma(s);
    };
    const boxed = await spread('fit');
    const free = await spread('off');
    expect(boxed).toBeLessThan(chroma(smoke) + 0.02);
    expect(free).toBeGreaterThan(2 * boxed);
  });

  it('refuses a model file of another domain, naming it and the right tool', async () => {
    const image = await EnergyModel.create({ input: [1, 4, 4], layers: [{ type: 'conv2d', outChannels: 1, kernel: 3 }] });
    await saveModel(join(dir, 'image.ebm'), image, { domain: 'image' });
    await image.dispose();
    await expect(loadVideoModel(join(dir, 'image.ebm'))).rejects.toThrow(/is a image model, not a video model; use ebm-image for it/);
    expect((await loadModel(join(dir, 'image.ebm'))).contents.domain).toBe('image');
  });
});
