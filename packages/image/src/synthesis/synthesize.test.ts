import { describe, expect, it } from 'vitest';
import { texturePreset } from '../presets/texturePreset.js';
import { generateTexture } from '../textures/generateTexture.js';
import { trainImageModel } from '../training/trainImageModel.js';
import { denormalise } from '../io/Normalisation.js';
import { objectPreset } from '../presets/objectPreset.js';
import { SamplingDivergedError } from './SamplingDivergedError.js';
import { replayBufferOf, synthesize } from './synthesize.js';

const preset = texturePreset({ size: 16, filters: 4, steps: 5 });

describe('synthesize', () => {
  it('writes count images of any size for a texture model, in [0, 1], reproducible from the seed', async () => {
    const m = await trainImageModel([generateTexture('weave', { size: 16, seed: 1 })], { preset, iterations: 3, threads: 1 });
    let last = 0;
    const images = await synthesize(m, { count: 3, width: 40, height: 24, seed: 4, batch: 2, onStep: (d, t) => (last = d / t) });
    expect(images.map((im) => [im.channels, im.width, im.height])).toEqual([
      [3, 40, 24],
      [3, 40, 24],
      [3, 40, 24],
    ]);
    expect(last).toBe(1);
    for (const im of images) expect(im.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    const again = await synthesize(m, { count: 3, width: 40, height: 24, seed: 4, batch: 2 });
    expect(Array.from(again[2].data)).toEqual(Array.from(images[2].data));
    const other = await synthesize(m, { count: 1, width: 40, height: 24, seed: 5 });
    expect(Array.from(other[0].data)).not.toEqual(Array.from(images[0].data));
    await m.model.dispose();
  });

  it('with 0 steps returns the chain start: N(m, 0.1²) in network units, m the data mean, is std 0.05 in image units', async () => {
    const data = generateTexture('marble', { size: 16, seed: 1 });
    const m = await trainImageModel([data], { preset, iterations: 0, threads: 1 });
    const dataMean = data.data.reduce((a, v) => a + v, 0) / data.data.length;
    expect(m.preset.noise).toEqual({ kind: 'gaussian', mean: expect.closeTo(2 * dataMean - 1, 5), std: 0.1 });
    const [im] = await synthesize(m, { steps: 0, width: 64, height: 64, seed: 2 });
    const n = im.data.length;
    const mean = im.data.reduce((a, v) => a + v, 0) / n;
    const std = Math.sqrt(im.data.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
    // 12 288 values: the standard error of the mean is 0.05/√n ≈ 0.00045; of the std ≈ 0.0003. Marble's mean is
    // about 0.8, so clamping at 1 (4 std away) hardly changes either.
    expect(Math.abs(mean - dataMean)).toBeLessThan(0.003);
    expect(Math.abs(std - 0.05)).toBeLessThan(0.002);
    await m.model.dispose();
  });

  it('stops at the first step whose energy is not finite, naming the model and the fix', async () => {
    const m = await trainImageModel([generateTexture('cloud', { size: 16, seed: 1 })], { preset, iterations: 0, threads: 1 });
    m.model.theta.fill(NaN);
    m.path = 'cloud.ebm';
    let steps = 0;
    const error = await synthesize(m, { onStep: () => steps++ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SamplingDivergedError);
    expect((error as Error).message).toBe(
      'cloud.ebm: sampling diverged, the synthesized image (its energy after step 1 is NaN) is not finite (lower --step-size or --steps, or retrain with a lower learning rate)',
    );
    expect(steps).toBe(0);
    await m.model.dispose();
  });

  it('starts an object model from its replay buffer: with 0 steps each image is a buffer sample', async () => {
    const preset = objectPreset({ filters: 2, steps: 2, chains: 2, batchSize: 2, bufferSize: 4 });
    const data = [generateTexture('cloud', { size: 32, seed: 1 }), generateTexture('weave', { size: 32, seed: 1 })];
    const m = await trainImageModel(data, { preset, iterations: 3, threads: 1 });
    const buffer = replayBufferOf(m)!;
    expect(buffer.size).toBe(4);
    const held = denormalise(m.normalisation, buffer.samples, 32 * 32);
    const images = await synthesize(m, { count: 3, steps: 0, seed: 1 });
    for (const im of images) {
      const matches = [0, 1, 2, 3].filter((k) =>
        im.data.every((v, i) => Math.abs(v - Math.min(1, Math.max(0, held[k * 3072 + i]))) < 1e-6),
      );
      expect(matches.length).toBeGreaterThan(0);
    }
    await expect(synthesize(m, { width: 64, height: 64 })).rejects.toThrow(/an object model works at its training size 32x32, not 64x64/);
    await m.model.dispose();
  });
});
