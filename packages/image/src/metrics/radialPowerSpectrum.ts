import { fft2d } from '../fourier/fft2d.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { luminance } from './luminance.js';

/** A radially averaged power spectrum on fixed frequency bins, comparable between image sizes. */
export interface PowerSpectrum {
  /** [bins] bin centres, cycles per pixel, in (0, 0.5). */
  frequency: Float64Array;
  /** [bins] natural log of the mean periodogram value in each annulus; NaN where no frequency falls. */
  logPower: Float64Array;
}

/**
 * Radially averaged power spectrum of the grey levels ({@link luminance}).
 * The periodogram |F(u, v)|² / (W·H) of the 2D DFT (no window: the image is treated as periodic, the
 * same assumption as phase randomisation) is averaged over annuli of radial frequency
 * r = sqrt((u/W)² + (v/H)²) in `bins` equal bins over (0, 0.5] cycles/pixel. The DC term and frequencies
 * beyond 0.5 (the corners) are left out. The mean periodogram equals the grey-level variance, so values
 * do not depend on the image size.
 * @param image data: [C, H, W] in [0, 1].
 * @param bins number of annuli; default 32.
 */
export function radialPowerSpectrum(image: ImageTensor, bins = 32): PowerSpectrum {
  const { width, height } = image;
  const n = width * height;
  const grey = luminance(image);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let p = 0; p < n; p++) re[p] = grey[p];
  fft2d(re, im, width, height);
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let v = 0; v < height; v++) {
    const fy = (v <= height / 2 ? v : v - height) / height;
    for (let u = 0; u < width; u++) {
      const fx = (u <= width / 2 ? u : u - width) / width;
      const r = Math.sqrt(fx * fx + fy * fy);
      if (r === 0 || r > 0.5) continue;
      const bin = Math.min(bins - 1, Math.floor(r * 2 * bins));
      const k = v * width + u;
      sum[bin] += (re[k] * re[k] + im[k] * im[k]) / n;
      count[bin]++;
    }
  }
  const frequency = new Float64Array(bins);
  const logPower = new Float64Array(bins);
  for (let i = 0; i < bins; i++) {
    frequency[i] = (i + 0.5) / (2 * bins);
    // A tiny floor keeps a flat image at a finite (very negative) log rather than −∞.
    logPower[i] = count[i] > 0 ? Math.log(sum[i] / count[i] + 1e-20) : NaN;
  }
  return { frequency, logPower };
}
