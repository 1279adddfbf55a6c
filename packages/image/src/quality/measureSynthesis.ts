import { matchedGaussianNoise } from '../baselines/matchedGaussianNoise.js';
import { phaseRandomisedCopy } from '../baselines/phaseRandomisedCopy.js';
import { clampImage, type ImageTensor } from '../io/ImageTensor.js';
import { histogramDistance } from '../metrics/histogramDistance.js';
import { nearestPatchDistance } from '../metrics/nearestPatchDistance.js';
import { powerSpectrumDistance } from '../metrics/spectrumDistance.js';
import type { ImageModel } from '../model/ImageModel.js';
import { synthesize } from '../synthesis/synthesize.js';

/** Distances of one synthesis method's image to the training image (grey-level histogram and log power spectrum). */
export interface SynthesisDistances {
  /** histogramDistance: mean |CDF difference| over 64 grey bins (0 = same histogram). */
  histogram: number;
  /** powerSpectrumDistance: RMS difference of log radially averaged power spectra (natural log units). */
  spectrum: number;
  /** nearestPatchDistance to the training image, 8×8 patches, RMS per value in [0, 1] units (0 = copied). */
  nearestPatch: number;
}

/** Synthesis scores of one texture: the EBM beside the classical baselines and a second real crop. */
export interface SynthesisScores {
  ebm: SynthesisDistances;
  /** matchedGaussianNoise: independent pixels with the data's per-channel mean and std. */
  noise: SynthesisDistances;
  /** phaseRandomisedCopy: the data's amplitude spectrum with random phases. */
  phase: SynthesisDistances;
  /** Another crop of the same texture: how far genuine new texture is (the target for the nearest patch). */
  otherCrop: SynthesisDistances;
  /** The synthesized images [C, H, W] in [0, 1], the training crop's size; the distances are the first one's. */
  images: ImageTensor[];
  /** Wall-clock seconds of the synthesis. */
  seconds: number;
}

/** The three distances of `image` to `training`. */
export function synthesisDistances(image: ImageTensor, training: ImageTensor): SynthesisDistances {
  return {
    histogram: histogramDistance(image, training),
    spectrum: powerSpectrumDistance(image, training),
    nearestPatch: nearestPatchDistance(image, training),
  };
}

/**
 * Synthesizes `count` images of the training crop's size and scores the first one and the baselines against the
 * training crop.
 * @param training [C, H, W] in [0, 1], what `model` was trained on (the whole crop, or windows of it).
 * @param otherCrop [C, H, W] in [0, 1], another crop of the same texture.
 */
export async function measureSynthesis(model: ImageModel, training: ImageTensor, otherCrop: ImageTensor, seed = 0, count = 1): Promise<SynthesisScores> {
  const t0 = Date.now();
  const images = await synthesize(model, { seed, count, width: training.width, height: training.height });
  const [image] = images;
  const seconds = (Date.now() - t0) / 1000;
  return {
    ebm: synthesisDistances(image, training),
    // Clamped as a PNG of them would be.
    noise: synthesisDistances(clampImage(matchedGaussianNoise(training, seed)), training),
    phase: synthesisDistances(clampImage(phaseRandomisedCopy(training, seed)), training),
    otherCrop: synthesisDistances(otherCrop, training),
    images,
    seconds,
  };
}
