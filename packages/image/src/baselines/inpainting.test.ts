import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { readImage } from '../io/readImage.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import type { Mask } from '../masks/Mask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import { generateTexture } from '../textures/generateTexture.js';
import { harmonicInpaint } from './harmonicInpaint.js';
import { meanFill } from './meanFill.js';

// The texture photographs shared by the project: ../shared/data/textures from the repository root.
const PHOTOS = fileURLToPath(new URL('../../../../../shared/data/textures/', import.meta.url));
const photos = existsSync(PHOTOS) ? readdirSync(PHOTOS).filter((f) => f.endsWith('.png')).sort() : [];

function imageOf(width: number, height: number, channels: 1 | 3, f: (x: number, y: number, c: number) => number): ImageTensor {
  const im = createImage(width, height, channels);
  const plane = width * height;
  for (let c = 0; c < channels; c++) for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) im.data[c * plane + y * width + x] = f(x, y, c);
  return im;
}

/** A 50% random mask with the one-pixel image border observed. */
function interiorRandomMask(width: number, height: number, seed: number): Mask {
  const m = randomPixelMask(width, height, 0.5, seed);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (x === 0 || y === 0 || x === width - 1 || y === height - 1) m.data[y * width + x] = 0;
  }
  return m;
}

/** Wipes the missing pixels so a method cannot peek at them. */
/** Largest |deg·u_p − Σ u_q| over missing pixels p (neighbours q inside the image), all channels: 0 for a harmonic fill. */
function laplacianResidual(image: ImageTensor, mask: Mask): number {
  const { width: W, height: H } = image;
  let worst = 0;
  for (let c = 0; c < image.channels; c++) {
    const u = image.data.subarray(c * W * H, (c + 1) * W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = y * W + x;
        if (!mask.data[p]) continue;
        let r = 0;
        if (x > 0) r += u[p] - u[p - 1];
        if (x < W - 1) r += u[p] - u[p + 1];
        if (y > 0) r += u[p] - u[p - W];
        if (y < H - 1) r += u[p] - u[p + W];
        worst = Math.max(worst, Math.abs(r));
      }
    }
  }
  return worst;
}

function corrupt(image: ImageTensor, mask: Mask): ImageTensor {
  const out = { ...image, data: image.data.slice() };
  const plane = image.width * image.height;
  for (let c = 0; c < image.channels; c++) for (let p = 0; p < plane; p++) if (mask.data[p]) out.data[c * plane + p] = 0;
  return out;
}

describe('meanFill', () => {
  it('fills each channel with the mean of its observed pixels', () => {
    const im = imageOf(4, 1, 3, (x, _y, c) => (c === 0 ? x / 4 : 0.5));
    const mask: Mask = { data: new Uint8Array([0, 1, 0, 1]), width: 4, height: 1 };
    const out = meanFill(im, mask);
    expect(Array.from(out.data.subarray(0, 4))).toEqual([0, 0.25, 0.5, 0.25]);
    expect(out.data[4 + 1]).toBeCloseTo(0.5, 7);
  });
});

describe('harmonicInpaint', () => {
  const ramp = imageOf(64, 48, 3, (x, y, c) => 0.1 + 0.005 * x + 0.007 * y - 0.03 * c);

  it('reproduces a linear ramp (a harmonic function) to 1e-6 in a square hole and under a 50% interior mask', () => {
    for (const mask of [centralSquareMask(64, 48, 24), interiorRandomMask(64, 48, 1)]) {
      const filled = harmonicInpaint(corrupt(ramp, mask), mask);
      expect(maskedRmse(filled, ramp, mask)).toBeLessThan(1e-6);
      expect(maskedRmse(meanFill(corrupt(ramp, mask), mask), ramp, mask)).toBeGreaterThan(0.01);
    }
  });

  it('solves the discrete Laplace equation: at every missing pixel the 4-neighbour Laplacian is ~0', () => {
    const size = 64;
    const image = generateTexture('marble', { size, seed: 4 });
    const leftHalf: Mask = { data: new Uint8Array(size * size).map((_, p) => (p % size < size / 2 ? 1 : 0)), width: size, height: size };
    // A 60% random mask, and a hole touching three image borders (zero flux across them).
    for (const mask of [randomPixelMask(size, size, 0.6, 9), leftHalf]) {
      const out = harmonicInpaint(corrupt(image, mask), mask);
      let worst = 0;
      for (let c = 0; c < 3; c++) {
        const u = out.data.subarray(c * size * size, (c + 1) * size * size);
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            const p = y * size + x;
            if (!mask.data[p]) continue;
            let lap = 0;
            if (x > 0) lap += u[p - 1] - u[p];
            if (x < size - 1) lap += u[p + 1] - u[p];
            if (y > 0) lap += u[p - size] - u[p];
            if (y < size - 1) lap += u[p + size] - u[p];
            worst = Math.max(worst, Math.abs(lap));
          }
        }
      }
      expect(worst).toBeLessThan(1e-5); // float32 storage of the result limits this, not the solver
    }
  });

  it('beats mean fill by far on a smooth image (50% mask and square hole)', () => {
    // Smooth: its features (period 120–150 px) are much larger than the 24 px hole.
    const smooth = imageOf(96, 96, 1, (x, y) => 0.5 + 0.25 * Math.sin((2 * Math.PI * x) / 120 + 0.5) * Math.cos((2 * Math.PI * y) / 150) + 0.1 * (x / 96));
    for (const mask of [randomPixelMask(96, 96, 0.5, 2), centralSquareMask(96, 96)]) {
      const broken = corrupt(smooth, mask);
      const harmonic = maskedRmse(harmonicInpaint(broken, mask), smooth, mask);
      const mean = maskedRmse(meanFill(broken, mask), smooth, mask);
      expect(harmonic).toBeLessThan(0.35 * mean);
    }
  });

  it('fills 128×128 RGB under a 50% mask, 32 and 64 px holes and a missing left half with a harmonic (Δx = 0) fill', () => {
    const image = generateTexture('brick', { size: 128, seed: 1 });
    const leftHalf: Mask = { data: new Uint8Array(128 * 128).map((_, p) => (p % 128 < 64 ? 1 : 0)), width: 128, height: 128 };
    for (const mask of [randomPixelMask(128, 128, 0.5, 3), centralSquareMask(128, 128), centralSquareMask(128, 128, 64), leftHalf]) {
      const out = harmonicInpaint(corrupt(image, mask), mask);
      expect(Number.isFinite(maskedRmse(out, image, mask))).toBe(true);
      // Harmonic: every missing pixel away from the image border is the mean of its 4 neighbours (to solver tolerance).
      expect(laplacianResidual(out, mask)).toBeLessThan(1e-3);
    }
  });

  it('keeps observed pixels and refuses a mask with nothing observed', () => {
    const mask = centralSquareMask(64, 48);
    const out = harmonicInpaint(ramp, mask);
    for (let p = 0; p < 64 * 48; p++) if (!mask.data[p]) expect(out.data[p]).toBe(ramp.data[p]);
    const all: Mask = { data: new Uint8Array(16).fill(1), width: 4, height: 4 };
    expect(() => harmonicInpaint(createImage(4, 4, 1), all)).toThrow(/at least one observed pixel/);
  });

  it.skipIf(photos.length === 0)('beats mean fill on every texture photograph under a 50% mask', async () => {
    for (const file of photos) {
      const image = await readImage(join(PHOTOS, file));
      const mask = randomPixelMask(image.width, image.height, 0.5, 11);
      const broken = corrupt(image, mask);
      const harmonic = maskedRmse(harmonicInpaint(broken, mask), image, mask);
      const mean = maskedRmse(meanFill(broken, mask), image, mask);
      expect(harmonic, file).toBeLessThan(mean);
    }
  });
});
