import { describe, expect, it } from 'vitest';
import { Rng } from '@ebm/core';
import { fft, ifft } from './fft.js';
import { fft2d, ifft2d } from './fft2d.js';

function randomSignal(n: number, seed: number): [Float64Array, Float64Array] {
  const r = new Rng(seed);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = r.normal();
    im[i] = r.normal();
  }
  return [re, im];
}

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * ((k * t) % n)) / n;
      outRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      outIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

function maxError(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('fft', () => {
  it('matches the naive DFT for lengths 1–20, 64, 100, 127 and 250 (powers of two by fft.js, the rest by Bluestein)', () => {
    for (const n of [...Array.from({ length: 20 }, (_, i) => i + 1), 64, 100, 127, 250]) {
      const [re, im] = randomSignal(n, n);
      const [wantRe, wantIm] = naiveDft(re, im);
      fft(re, im);
      // Tolerance scales with sqrt(n) (size of the coefficients) times float64 rounding.
      const tolerance = 1e-11 * n;
      expect(maxError(re, wantRe), `n=${n} real`).toBeLessThan(tolerance);
      expect(maxError(im, wantIm), `n=${n} imaginary`).toBeLessThan(tolerance);
    }
  });

  it('round-trips through ifft and satisfies Parseval, Σ|x|² = Σ|X|²/N', () => {
    for (const n of [256, 129]) {
      const [re, im] = randomSignal(n, 7);
      const [re0, im0] = [re.slice(), im.slice()];
      let energy = 0;
      for (let i = 0; i < n; i++) energy += re[i] ** 2 + im[i] ** 2;
      fft(re, im);
      let spectral = 0;
      for (let i = 0; i < n; i++) spectral += re[i] ** 2 + im[i] ** 2;
      expect(Math.abs(spectral / n - energy) / energy).toBeLessThan(1e-12);
      ifft(re, im);
      expect(maxError(re, re0)).toBeLessThan(1e-12);
      expect(maxError(im, im0)).toBeLessThan(1e-12);
    }
  });

  it('2D: a single cosine lands in its two conjugate bins; round trip and Parseval at 256×200 and 127×61', () => {
    const w = 12;
    const h = 10;
    const re = new Float64Array(w * h);
    const im = new Float64Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) re[y * w + x] = Math.cos(2 * Math.PI * (3 * x / w + 2 * y / h));
    fft2d(re, im, w, h);
    expect(re[2 * w + 3]).toBeCloseTo((w * h) / 2, 9);
    expect(re[(h - 2) * w + (w - 3)]).toBeCloseTo((w * h) / 2, 9);
    let rest = 0;
    for (let k = 0; k < w * h; k++) if (k !== 2 * w + 3 && k !== (h - 2) * w + (w - 3)) rest += Math.abs(re[k]) + Math.abs(im[k]);
    expect(rest).toBeLessThan(1e-9);

    for (const [width, height] of [
      [256, 200],
      [127, 61],
    ]) {
      const [xr, xi] = randomSignal(width * height, width);
      const [r0, i0] = [xr.slice(), xi.slice()];
      let energy = 0;
      for (let i = 0; i < xr.length; i++) energy += xr[i] ** 2 + xi[i] ** 2;
      fft2d(xr, xi, width, height);
      let spectral = 0;
      for (let i = 0; i < xr.length; i++) spectral += xr[i] ** 2 + xi[i] ** 2;
      expect(Math.abs(spectral / (width * height) - energy) / energy).toBeLessThan(1e-12);
      ifft2d(xr, xi, width, height);
      expect(maxError(xr, r0)).toBeLessThan(1e-11);
      expect(maxError(xi, i0)).toBeLessThan(1e-11);
    }
  });
});
