import { Rng } from '@ebm/core';
import { dftAxis } from '../fourier/dftAxis.js';
import { createVideo, type VideoTensor } from '../io/VideoTensor.js';

/**
 * Noise with the clip's space-time power spectrum (a phase-randomised copy): the 3D Fourier transform of each channel
 * keeps its amplitudes and takes the phases of the transform of one white-noise clip (the same for every channel, so
 * colour correlations stay), then transforms back. It has the training clip's temporal and spatial spectra by
 * construction (up to clamping to [0, 1]) and none of its structure beyond second order: the classical
 * spectral synthesis a dynamic-texture model should beat on look, not on spectrum.
 * @returns a new clip [C, T, H, W] in [0, 1].
 */
export function spectrumMatchedNoise(video: VideoTensor, seed = 0): VideoTensor {
  const { channels: C, frames: T, height: H, width: W } = video;
  const n = T * H * W;
  const shape = [T, H, W];
  const noiseRe = new Float64Array(n);
  const noiseIm = new Float64Array(n);
  new Rng(seed).fillNormal(noiseRe);
  for (let a = 0; a < 3; a++) dftAxis(noiseRe, noiseIm, shape, a);
  const out = createVideo(C, T, H, W, video.fps);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) (re[i] = video.data[c * n + i]), (im[i] = 0);
    for (let a = 0; a < 3; a++) dftAxis(re, im, shape, a);
    for (let i = 1; i < n; i++) {
      const amplitude = Math.hypot(re[i], im[i]);
      const phase = Math.hypot(noiseRe[i], noiseIm[i]) || 1;
      re[i] = (amplitude * noiseRe[i]) / phase;
      im[i] = (amplitude * noiseIm[i]) / phase;
    }
    for (let a = 0; a < 3; a++) dftAxis(re, im, shape, a, true);
    for (let i = 0; i < n; i++) out.data[c * n + i] = Math.min(1, Math.max(0, re[i]));
  }
  return out;
}
