import { dftAxis } from '../fourier/dftAxis.js';
import type { VideoTensor } from '../io/VideoTensor.js';

/**
 * Temporal power spectrum: each pixel's time series (per channel, its mean removed) Fourier-transformed along time,
 * |X_k|²/T averaged over pixels and channels, for frequencies k = 1 … ⌊T/2⌋ (cycles per clip).
 * @returns [⌊T/2⌋] power per frequency, values in [0, 1]² units.
 */
export function temporalPowerSpectrum(video: VideoTensor): Float64Array {
  const { channels: C, frames: T } = video;
  const plane = video.height * video.width;
  const out = new Float64Array(Math.floor(T / 2));
  const re = new Float64Array(T * plane);
  const im = new Float64Array(T * plane);
  for (let c = 0; c < C; c++) {
    const data = video.data.subarray(c * T * plane, (c + 1) * T * plane);
    for (let p = 0; p < plane; p++) {
      let mean = 0;
      for (let t = 0; t < T; t++) mean += data[t * plane + p] / T;
      for (let t = 0; t < T; t++) re[t * plane + p] = data[t * plane + p] - mean;
    }
    im.fill(0);
    dftAxis(re, im, [T, plane], 0);
    for (let k = 1; k <= out.length; k++) {
      let s = 0;
      for (let p = 0; p < plane; p++) s += re[k * plane + p] ** 2 + im[k * plane + p] ** 2;
      out[k - 1] += s / (T * plane * C);
    }
  }
  return out;
}

/**
 * Spatial power spectrum: each frame (per channel, its mean removed) Fourier-transformed in 2D, |X|²/(H·W) averaged
 * over frames and channels in radial bins of normalised frequency √((f_x)² + (f_y)²) from 0 to ½ (Nyquist),
 * ⌊min(H, W)/2⌋ bins; the DC term is left out.
 * @returns [⌊min(H, W)/2⌋] mean power per bin (0 for an empty bin).
 */
export function spatialPowerSpectrum(video: VideoTensor): Float64Array {
  const { channels: C, frames: T, height: H, width: W } = video;
  const plane = H * W;
  const bins = Math.floor(Math.min(H, W) / 2);
  const sum = new Float64Array(bins);
  const count = new Float64Array(bins);
  const binOf = new Int32Array(plane).fill(-1);
  for (let ky = 0; ky < H; ky++) {
    for (let kx = 0; kx < W; kx++) {
      if (kx === 0 && ky === 0) continue;
      const fy = (ky <= H / 2 ? ky : ky - H) / H;
      const fx = (kx <= W / 2 ? kx : kx - W) / W;
      const b = Math.floor((Math.hypot(fx, fy) / 0.5) * bins);
      if (b < bins) binOf[ky * W + kx] = b;
    }
  }
  const re = new Float64Array(plane);
  const im = new Float64Array(plane);
  for (let c = 0; c < C; c++) {
    for (let t = 0; t < T; t++) {
      const frame = video.data.subarray((c * T + t) * plane, (c * T + t + 1) * plane);
      let mean = 0;
      for (let p = 0; p < plane; p++) mean += frame[p] / plane;
      for (let p = 0; p < plane; p++) re[p] = frame[p] - mean;
      im.fill(0);
      dftAxis(re, im, [H, W], 0);
      dftAxis(re, im, [H, W], 1);
      for (let p = 0; p < plane; p++) {
        const b = binOf[p];
        if (b < 0) continue;
        sum[b] += (re[p] ** 2 + im[p] ** 2) / plane;
        count[b]++;
      }
    }
  }
  return sum.map((s, b) => (count[b] ? s / count[b] : 0));
}

/**
 * Distance between two spectra: the RMS difference of their base-10 logarithms over the bins where both are
 * positive (1 = a factor of 10 on average). 0 for identical spectra.
 */
export function spectrumDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (!(a[i] > 0 && b[i] > 0)) continue;
    s += (Math.log10(a[i]) - Math.log10(b[i])) ** 2;
    n++;
  }
  return n ? Math.sqrt(s / n) : NaN;
}
