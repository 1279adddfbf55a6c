import { describe, expect, it } from 'vitest';
import { spectrumMatchedNoise } from '../baselines/spectrumMatchedNoise.js';
import { dftAxis } from '../fourier/dftAxis.js';
import { createVideo } from '../io/VideoTensor.js';
import { squareOcclusion } from '../masks/squareOcclusion.js';
import { nearestFrameDistance } from './frameDistances.js';
import { maskedMae } from './maskedMae.js';
import { detailInRegion, motionInRegion } from './motionInRegion.js';
import { spatialPowerSpectrum, spectrumDistance, temporalPowerSpectrum } from './powerSpectra.js';

/** A grey clip of a sinusoid in time (period `period` frames) and in x (period 8 px). */
function waves(period: number, T = 24, H = 8, W = 16) {
  const v = createVideo(1, T, H, W, 10);
  for (let t = 0; t < T; t++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) v.data[(t * H + y) * W + x] = 0.5 + 0.3 * Math.cos((2 * Math.PI * t) / period) * Math.cos((2 * Math.PI * x) / 8);
  return v;
}

describe('dftAxis', () => {
  it('forward then inverse is the identity, and a cosine has its power at ±k', () => {
    const re = Float64Array.from({ length: 12 }, (_, i) => Math.cos((2 * Math.PI * 3 * i) / 12));
    const im = new Float64Array(12);
    dftAxis(re, im, [12], 0);
    expect(re[3]).toBeCloseTo(6, 9);
    expect(re[9]).toBeCloseTo(6, 9);
    expect(Math.abs(re[1]) + Math.abs(im[4])).toBeLessThan(1e-9);
    dftAxis(re, im, [12], 0, true);
    expect(re[2]).toBeCloseTo(Math.cos((2 * Math.PI * 6) / 12), 9);
  });
});

describe('power spectra', () => {
  it('a sinusoid of period 6 frames puts its temporal power at 4 cycles per 24 frames, its spatial power at 1/8', () => {
    const tp = temporalPowerSpectrum(waves(6));
    expect(tp.indexOf(Math.max(...tp))).toBe(3); // k = 4 (bins start at k = 1)
    const sp = spatialPowerSpectrum(waves(6));
    expect(sp.indexOf(Math.max(...sp))).toBe(Math.floor((0.125 / 0.5) * 4)); // 4 bins for an 8-px side
    expect(spectrumDistance(tp, tp)).toBe(0);
    expect(spectrumDistance(tp, temporalPowerSpectrum(waves(4)))).toBeGreaterThan(1);
  });

  it('spectrum-matched noise keeps both spectra and is not the clip', () => {
    const clip = waves(8);
    for (let i = 0; i < clip.data.length; i++) clip.data[i] += 0.05 * Math.sin(i * 7.31); // some broadband content
    const noise = spectrumMatchedNoise(clip, 1);
    expect(spectrumDistance(temporalPowerSpectrum(noise), temporalPowerSpectrum(clip))).toBeLessThan(0.05);
    expect(spectrumDistance(spatialPowerSpectrum(noise), spatialPowerSpectrum(clip))).toBeLessThan(0.05);
    expect(nearestFrameDistance(noise, clip).nearest).toBeGreaterThan(0.02);
  });
});

describe('region metrics', () => {
  it('motion, detail, MAE and nearest-frame distance on known clips', () => {
    const moving = waves(6);
    const still = waves(1e9); // constant in time
    const mask = squareOcclusion(24, 8, 16, 6);
    expect(motionInRegion(still, mask)).toBeLessThan(1e-6);
    expect(motionInRegion(moving, mask)).toBeGreaterThan(0.05);
    expect(detailInRegion(still, mask)).toBeGreaterThan(0.05);
    const flat = createVideo(1, 24, 8, 16, 10);
    flat.data.fill(0.5);
    expect(detailInRegion(flat, mask)).toBe(0);
    const shifted = { ...flat, data: flat.data.map((v) => v + 0.1) };
    expect(maskedMae(shifted, flat, mask)).toBeCloseTo(0.1, 6);
    expect(nearestFrameDistance(moving, moving).nearest).toBe(0);
  });
});
