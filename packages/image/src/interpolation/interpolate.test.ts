import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { texturePreset } from '../presets/texturePreset.js';
import { generateTexture } from '../textures/generateTexture.js';
import { trainImageModel } from '../training/trainImageModel.js';
import { interpolate } from './interpolate.js';

describe('interpolate', () => {
  it('without sampler steps is the straight line: frame k = (1 − k/(N−1))·a + k/(N−1)·b', async () => {
    const a = generateTexture('brick', { size: 16, seed: 1 });
    const b = generateTexture('marble', { size: 16, seed: 1 });
    const m = await trainImageModel([a], { preset: texturePreset({ size: 16, filters: 4, steps: 3 }), iterations: 1, threads: 1 });
    const frames = await interpolate(m, a, b, { frames: 5, reconstructSteps: 0, frameSteps: 0 });
    expect(frames).toHaveLength(5);
    for (const [k, f] of frames.entries()) {
      const t = k / 4;
      for (const i of [0, 100, 400, 767]) expect(f.data[i]).toBeCloseTo((1 - t) * a.data[i] + t * b.data[i], 5);
    }
    const sampled = await interpolate(m, a, b, { frames: 3, reconstructSteps: 2, frameSteps: 2, seed: 3 });
    expect(sampled.map((f) => [f.width, f.height, f.channels])).toEqual([
      [16, 16, 3],
      [16, 16, 3],
      [16, 16, 3],
    ]);
    await expect(interpolate(m, a, createImage(8, 16, 3))).rejects.toThrow('the end images differ: 16x16x3 and 8x16x3 (use two images of one size)');
    await m.model.dispose();
  });
});
