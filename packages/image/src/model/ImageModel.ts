import type { EnergyFn, EnergyModel, McmcMle, McmcMleState, NoiseInit, Sampler } from '@ebm/core';
import { withSmoothReference } from '../energy/smoothReference.js';
import type { Normalisation } from '../io/Normalisation.js';
import type { ImagePreset, SamplerOverrides } from '../presets/ImagePreset.js';

/**
 * A trained (or training) image energy model: the core EnergyModel with what images need around it —
 * the preset it came from, the value normalisation, and the training image size.
 * Network input: [channels, height, width] in normalised units (presets: [−1, 1]).
 */
export interface ImageModel {
  /** The compiled energy network (θ, sessions). */
  readonly model: EnergyModel;
  /** Preset the network and sampler come from. */
  readonly preset: ImagePreset;
  /** Image values [0, 1] ↔ network values. */
  readonly normalisation: Normalisation;
  /** 1 (grey) or 3 (RGB). */
  readonly channels: 1 | 3;
  /** Training image width, pixels. */
  readonly width: number;
  /** Training image height, pixels. */
  readonly height: number;
  /** The trainer, while training or after loading a resumable file; saved with the model for --resume. */
  trainer?: McmcMle;
  /** Trainer state read from a model file, for {@link resumeTraining}. */
  trainerState?: McmcMleState;
  /** Where the model was loaded from, for error messages; undefined for a model made in memory. */
  path?: string;
}

/**
 * The model's energy at an image size: x [N, C, height, width] → { energy [N], grad [N, C, height, width] }.
 * Includes the preset's smooth reference term. Other sizes than the training size need a fully convolutional
 * (texture) model.
 * @throws RangeError naming the training size for an object model at another size.
 */
export function imageEnergyFn(m: ImageModel, width = m.width, height = m.height): EnergyFn {
  if ((width !== m.width || height !== m.height) && !m.preset.anySize) {
    throw new RangeError(
      `${m.path ?? 'this model'}: an ${m.preset.name} model works at its training size ${m.width}x${m.height}, not ${width}x${height} (use ${m.width}x${m.height} images)`,
    );
  }
  const shape = [m.channels, height, width];
  return withSmoothReference(m.model.energyFn(shape), m.preset.smoothness, shape);
}

/** The model's sampler, optionally with another number of steps or step size. */
export function imageSampler(m: ImageModel, overrides: SamplerOverrides = {}): Sampler {
  return m.preset.createSampler(overrides);
}

/** Noise that fresh chains start from (network units). */
export function chainNoise(m: ImageModel): NoiseInit {
  return m.preset.noise;
}
