import { describe, expect, it } from 'vitest';
import { fft2d } from '../fourier/fft2d.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import { powerSpectrumDistance } from '../metrics/spectrumDistance.js';
import { generateTexture } from '../textures/generateTexture.js';
import { matchedGaussianNoise } from './matchedGaussianNoise.js';
import { phaseRandomisedCopy } from './phaseRandomisedCopy.js';

function channelStats(im: ImageTensor, c: number): { mean: number; std: number } {
  const plane = im.width * im.height;
  let s = 0;
  let s2 = 0;
  for (let p = c * plane; p < (c + 1) * plane; p++) {
    s += im.data[p];
    s2 += im.data[p] ** 2;
  }
  const mean = s / plane;
  return { mean, std: Math.sqrt(s2 / plane - mean * mean) };
}

function periodogram(im: ImageTensor, c: number): Float64Array {
  const n = im.width * im.height;
  const re = Float64Array.from(im.data.subarray(c * n, (c + 1) * n));
  const imag = new Float64Array(n);
  fft2d(re, imag, im.width, im.height);
  return re.map((r, k) => r * r + imag[k] * imag[k]);
}

describe('phaseRandomisedCopy', () => {
  for (const [w, h] of [
    [64, 64],
    [45, 38],
  ]) {
    it(`${w}×${h}: keeps |F|² at every frequency of every channel and the mean; changes the image`, () => {
      const image = generateTexture('brick', { size: { width: w, height: h }, seed: 2 });
      const copy = phaseRandomisedCopy(image, 5);
      for (let c = 0; c < 3; c++) {
        const a = periodogram(image, c);
        const b = periodogram(copy, c);
        let worst = 0;
        for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / (a[0] + 1e-12));
        // The copy is stored in float32, so |F|² agrees to float32 rounding, not float64.
        expect(worst, `channel ${c}`).toBeLessThan(1e-7);
        expect(channelStats(copy, c).mean).toBeCloseTo(channelStats(image, c).mean, 6);
      }
      expect(powerSpectrumDistance(image, copy)).toBeLessThan(1e-6);
      expect(maskedRmse(image, copy)).toBeGreaterThan(0.05);
      expect(Array.from(phaseRandomisedCopy(image, 5).data)).toEqual(Array.from(copy.data));
    });
  }
});

describe('matchedGaussianNoise', () => {
  it('matches each channel mean and std (within 3 standard errors) and has a flat spectrum unlike the texture', () => {
    const image = generateTexture('marble', { size: 128, seed: 3 });
    const noise = matchedGaussianNoise(image, 8);
    const n = 128 * 128;
    for (let c = 0; c < 3; c++) {
      const want = channelStats(image, c);
      const got = channelStats(noise, c);
      expect(Math.abs(got.mean - want.mean)).toBeLessThan((3 * want.std) / Math.sqrt(n));
      expect(Math.abs(got.std - want.std)).toBeLessThan((3 * want.std) / Math.sqrt(2 * n));
    }
    expect(powerSpectrumDistance(image, noise)).toBeGreaterThan(1);
    expect(matchedGaussianNoise(image, 8, { width: 30, height: 20 }).data.length).toBe(3 * 600);
  });
});
