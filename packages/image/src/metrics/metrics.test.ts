import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { readImage } from '../io/readImage.js';
import type { Mask } from '../masks/Mask.js';
import { Rng } from '@ebm/core';
import { generateTexture } from '../textures/generateTexture.js';
import { greyHistogram } from './greyHistogram.js';
import { histogramDistance } from './histogramDistance.js';
import { luminance } from './luminance.js';
import { maskedRmse } from './maskedRmse.js';
import { nearestPatchDistance } from './nearestPatchDistance.js';
import { radialPowerSpectrum } from './radialPowerSpectrum.js';
import { powerSpectrumDistance, spectrumDistance } from './spectrumDistance.js';

const PHOTOS = fileURLToPath(new URL('../../../../../shared/data/textures/', import.meta.url));
const photos = existsSync(PHOTOS) ? readdirSync(PHOTOS).filter((f) => f.endsWith('.png')).sort() : [];

function flat(width: number, height: number, value: number, channels: 1 | 3 = 1): ImageTensor {
  const im = createImage(width, height, channels);
  im.data.fill(value);
  return im;
}

function crop(im: ImageTensor, x0: number, y0: number, w: number, h: number): ImageTensor {
  const out = createImage(w, h, im.channels);
  const plane = im.width * im.height;
  for (let c = 0; c < im.channels; c++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out.data[c * w * h + y * w + x] = im.data[c * plane + (y0 + y) * im.width + x0 + x];
  return out;
}

describe('maskedRmse', () => {
  it('scores only the missing pixels', () => {
    const a = flat(4, 2, 0, 3);
    const b = flat(4, 2, 1, 3);
    const mask: Mask = { data: new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0]), width: 4, height: 2 };
    for (let c = 0; c < 3; c++) b.data.fill(0.1, c * 8, c * 8 + 2);
    expect(maskedRmse(a, b, mask)).toBeCloseTo(0.1, 7);
    expect(maskedRmse(a, b)).toBeCloseTo(Math.sqrt((6 * 0.01 + 18) / 24), 7);
    expect(() => maskedRmse(a, b, { data: new Uint8Array(8), width: 4, height: 2 })).toThrow(/no missing pixel/);
  });
});

describe('grey-level histogram distance (earth mover’s)', () => {
  it('is 0 for identical images, the grey shift for flat images, positive for different textures', () => {
    const brick = generateTexture('brick', { size: 64, seed: 1 });
    expect(histogramDistance(brick, brick)).toBe(0);
    // 0.2 falls in bin 12, 0.7 in bin 44: 32 bins of 1/64 apart.
    expect(histogramDistance(flat(8, 8, 0.2), flat(5, 5, 0.7))).toBeCloseTo(0.5, 12);
    expect(histogramDistance(brick, generateTexture('marble', { size: 64, seed: 1 }))).toBeGreaterThan(0.1);
    const h = greyHistogram(brick);
    expect(h.length).toBe(64);
    expect(h.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('uses Rec. 601 luma for RGB', () => {
    const im = flat(1, 1, 0, 3);
    im.data.set([1, 0.5, 0]);
    expect(luminance(im)[0]).toBeCloseTo(0.299 + 0.2935, 6);
  });
});

describe('radially averaged power spectrum', () => {
  it('is flat at the variance for white noise, on fixed bins for any size', () => {
    const r = new Rng(3);
    const noise = createImage(128, 96, 1);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = 0.5 + 0.1 * r.normal();
    const s = radialPowerSpectrum(noise, 16);
    expect(s.frequency[0]).toBeCloseTo(1 / 64, 12);
    // Each annulus averages ≥ ~40 periodogram values (each exponential): within ±0.5 of ln(0.01).
    for (const v of s.logPower) expect(Math.abs(v - Math.log(0.01))).toBeLessThan(0.5);
  });

  it('distance is 0 for an image and itself and 2·ln k for a contrast change by k', () => {
    const marble = generateTexture('marble', { size: 80, seed: 2 });
    expect(powerSpectrumDistance(marble, marble)).toBe(0);
    const stretched = { ...marble, data: marble.data.map((v) => 0.5 + 2 * (v - 0.5)) };
    expect(powerSpectrumDistance(marble, stretched)).toBeCloseTo(2 * Math.log(2), 6);
    expect(() => spectrumDistance(radialPowerSpectrum(marble, 8), radialPowerSpectrum(marble, 16))).toThrow(/bins/);
  });

  it('tells a smooth texture from a fine one', () => {
    const cloud = generateTexture('cloud', { size: 64, seed: 1 });
    const weave = generateTexture('weave', { size: 64, seed: 1 });
    expect(powerSpectrumDistance(cloud, weave)).toBeGreaterThan(1);
  });
});

describe('nearestPatchDistance', () => {
  it('is 0 for an image against itself and against a crop of it', () => {
    const weave = generateTexture('weave', { size: 64, seed: 1 });
    expect(nearestPatchDistance(weave, weave)).toBe(0);
    expect(nearestPatchDistance(crop(weave, 7, 5, 40, 33), weave)).toBe(0);
  });

  it('equals a brute-force search', () => {
    const a = generateTexture('cloud', { size: 28, seed: 1 });
    const b = generateTexture('brick', { size: 30, seed: 2 });
    const p = 6;
    let total = 0;
    let count = 0;
    for (let y = 0; y + p <= 28; y += 3) {
      for (let x = 0; x + p <= 28; x += 3) {
        let best = Infinity;
        for (let v = 0; v + p <= 30; v++) {
          for (let u = 0; u + p <= 30; u++) {
            let s = 0;
            for (let c = 0; c < 3; c++) for (let dy = 0; dy < p; dy++) for (let dx = 0; dx < p; dx++) {
              const d = a.data[c * 784 + (y + dy) * 28 + x + dx] - b.data[c * 900 + (v + dy) * 30 + u + dx];
              s += d * d;
            }
            best = Math.min(best, s);
          }
        }
        total += Math.sqrt(best / (3 * p * p));
        count++;
      }
    }
    expect(nearestPatchDistance(a, b, { patch: p, stride: 3 })).toBeCloseTo(total / count, 5);
  });

  it('is positive for another seed and for noise at 128×128 RGB', () => {
    const brick = generateTexture('brick', { size: 128, seed: 1 });
    const other = generateTexture('brick', { size: 128, seed: 9 });
    const r = new Rng(1);
    const noise = { ...brick, data: brick.data.map((v) => Math.min(1, Math.max(0, v + 0.05 * r.normal()))) };
    const dOther = nearestPatchDistance(other, brick);
    const dNoise = nearestPatchDistance(noise, brick);
    expect(dOther).toBeGreaterThan(0.005);
    expect(dNoise).toBeGreaterThan(0.02);
  });
});

describe.skipIf(photos.length === 0)('metrics on the texture photographs', () => {
  it('self-distances are 0 and a photograph is far from another', async () => {
    const a = await readImage(join(PHOTOS, photos[0]));
    const b = await readImage(join(PHOTOS, photos[photos.length - 1]));
    expect(histogramDistance(a, a)).toBe(0);
    expect(powerSpectrumDistance(a, a)).toBe(0);
    expect(nearestPatchDistance(a, a)).toBe(0);
    expect(histogramDistance(a, b) + powerSpectrumDistance(a, b)).toBeGreaterThan(0.05);
  });
});
