import { describe, expect, it } from 'vitest';
import { interpolateVideo } from '../baselines/interpolateVideo.js';
import { generateClip } from '../clips/generateClip.js';
import { maskedMae } from '../metrics/maskedMae.js';
import { missingFramesMask } from '../masks/missingFramesMask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { dynamicTexturePreset } from '../presets/dynamicTexturePreset.js';
import { trainVideoModel } from '../training/trainVideoModel.js';
import { learningPreset, recoverByLearning } from './recoverByLearning.js';
import { recoverWithModel } from './recoverWithModel.js';

/**
 * Recovery on small clips (10 frames of 24×16), against the measured interpolation baseline; the README's table has
 * the full-size figures. Observed pixels must come back bit-identical.
 */
describe('recovery', () => {
  it('--learn beats interpolation on 50 % missing pixels (clouds) and 3 missing frames (ripples), observed pixels unchanged', async () => {
    const preset = learningPreset({ filters: 4 });
    const cases = [
      { kind: 'clouds', mask: randomPixelMask(10, 16, 24, 0.5, 3) },
      { kind: 'ripples', mask: missingFramesMask(10, 16, 24, [4, 5, 6]) },
    ] as const;
    for (const { kind, mask } of cases) {
      const truth = await generateClip(kind, { frames: 10, width: 24, height: 16, seed: 2 });
      const { video, estimate } = await recoverByLearning(truth, mask, { preset, iterations: 6, threads: 1, seed: 1 });
      expect(estimate).toBe('mean');
      const ebm = maskedMae(video, truth, mask);
      const baseline = maskedMae(interpolateVideo(truth, mask), truth, mask);
      console.log(`${kind}: EBM ${ebm.toFixed(4)}, interpolate ${baseline.toFixed(4)}`);
      expect(ebm, kind).toBeLessThan(baseline);
      const n = mask.data.length;
      for (let i = 0; i < truth.data.length; i++) if (!mask.data[i % n]) expect(video.data[i]).toBe(truth.data[i]);
    }
  });

  it('--model recovers with a trained model at another clip size, observed pixels unchanged, values in range', async () => {
    const train = await generateClip('clouds', { frames: 8, width: 16, height: 12, seed: 1 });
    const m = await trainVideoModel([train], { preset: dynamicTexturePreset({ filters: 4, steps: 3 }), iterations: 2, threads: 1 });
    const truth = await generateClip('clouds', { frames: 10, width: 24, height: 16, seed: 2 });
    const mask = randomPixelMask(10, 16, 24, 0.5, 4);
    const video = await recoverWithModel(m, truth, mask, { steps: 3, seed: 1 });
    await m.model.dispose();
    const n = mask.data.length;
    for (let i = 0; i < truth.data.length; i++) if (!mask.data[i % n]) expect(video.data[i]).toBe(truth.data[i]);
    expect(video.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Mean fill (every missing pixel at the observed mean) is the floor a recovery must clear.
    let mean = 0;
    let count = 0;
    for (let i = 0; i < truth.data.length; i++) if (!mask.data[i % n]) (mean += truth.data[i]), count++;
    const meanFill = { ...truth, data: truth.data.map((v, i) => (mask.data[i % n] ? mean / count : v)) };
    expect(maskedMae(video, truth, mask)).toBeLessThan(maskedMae(meanFill, truth, mask));
  });
});
