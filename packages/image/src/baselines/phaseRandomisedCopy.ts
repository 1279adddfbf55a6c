import { fft2d, ifft2d } from '../fourier/fft2d.js';
import { createImage, type ImageTensor } from '../io/ImageTensor.js';
import { Rng } from '@ebm/core';

/**
 * Phase-randomised copy, the classical spectral texture synthesis: keeps the Fourier amplitude of every
 * channel and replaces the phases by random ones. Each frequency k gets the phase shift
 * φ(k) = θ(k) − θ(−k) with θ uniform, so φ(−k) = −φ(k) (Hermitian symmetry: the result is real) and
 * φ = 0 at the DC and Nyquist frequencies (the mean is kept exactly). The same φ is used for all channels,
 * which keeps the colour cross-spectra. The power spectrum and the per-channel mean are preserved exactly;
 * the histogram is not (it tends to a Gaussian).
 * @param image data: [C, H, W] in [0, 1]; any W, H.
 * @returns data: [C, H, W], not clamped: values may fall slightly outside [0, 1] (writePng clamps).
 */
export function phaseRandomisedCopy(image: ImageTensor, seed = 0): ImageTensor {
  const { width, height, channels } = image;
  const n = width * height;
  const random = new Rng(seed);
  const theta = new Float64Array(n);
  for (let k = 0; k < n; k++) theta[k] = 2 * Math.PI * random.uniform();
  const shiftRe = new Float64Array(n);
  const shiftIm = new Float64Array(n);
  for (let v = 0; v < height; v++) {
    const vNeg = (height - v) % height;
    for (let u = 0; u < width; u++) {
      const uNeg = (width - u) % width;
      const phi = theta[v * width + u] - theta[vNeg * width + uNeg];
      shiftRe[v * width + u] = Math.cos(phi);
      shiftIm[v * width + u] = Math.sin(phi);
    }
  }
  const out = createImage(width, height, channels);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < n; p++) {
      re[p] = image.data[c * n + p];
      im[p] = 0;
    }
    fft2d(re, im, width, height);
    for (let k = 0; k < n; k++) {
      const r = re[k] * shiftRe[k] - im[k] * shiftIm[k];
      im[k] = re[k] * shiftIm[k] + im[k] * shiftRe[k];
      re[k] = r;
    }
    ifft2d(re, im, width, height);
    for (let p = 0; p < n; p++) out.data[c * n + p] = re[p];
  }
  return out;
}
