import { spectrumMatchedNoise } from '../baselines/spectrumMatchedNoise.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { nearestFrameDistance } from '../metrics/frameDistances.js';
import { spatialPowerSpectrum, spectrumDistance, temporalPowerSpectrum } from '../metrics/powerSpectra.js';

/** Spectral distances to the training clip (RMS of log₁₀ power differences; 0 = the same spectrum). */
export interface SpectrumScores {
  temporal: number;
  spatial: number;
}

/** What {@link measureSynthesis} reports. */
export interface SynthesisScores {
  ebm: SpectrumScores;
  /** A phase-randomised copy of the training clip (same spectrum by construction). */
  matchedNoise: SpectrumScores;
  /** Another clip of the same process (a different seed): what a genuine new clip scores. */
  otherClip: SpectrumScores;
  /** Smallest RMS distance from a synthesized frame to any training frame, and the median step between training frames. */
  nearestFrame: number;
  consecutiveStep: number;
  matchedNoiseClip: VideoTensor;
}

function distances(a: VideoTensor, b: VideoTensor): SpectrumScores {
  return {
    temporal: spectrumDistance(temporalPowerSpectrum(a), temporalPowerSpectrum(b)),
    spatial: spectrumDistance(spatialPowerSpectrum(a), spatialPowerSpectrum(b)),
  };
}

/**
 * Compares a synthesized clip with its training clip: temporal and spatial power spectra beside spectrum-matched noise
 * and another clip of the same process, and how near any synthesized frame comes to a training frame.
 * @param synthesized, training, other [C, T, H, W] in [0, 1] of one shape.
 */
export function measureSynthesis(synthesized: VideoTensor, training: VideoTensor, other: VideoTensor): SynthesisScores {
  const matchedNoiseClip = spectrumMatchedNoise(training, 5);
  const { nearest, consecutive } = nearestFrameDistance(synthesized, training);
  return {
    ebm: distances(synthesized, training),
    matchedNoise: distances(matchedNoiseClip, training),
    otherClip: distances(other, training),
    nearestFrame: nearest,
    consecutiveStep: consecutive,
    matchedNoiseClip,
  };
}
