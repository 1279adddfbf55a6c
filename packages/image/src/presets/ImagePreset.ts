import type { Smoothness } from '../energy/smoothReference.js';
import type { ChainStart, NetworkSpec, NoiseInit, Sampler, SamplerState } from '@ebm/core';
import type { ImageTensor } from '../io/ImageTensor.js';
import type { Normalisation } from '../io/Normalisation.js';
import type { Mask } from '../masks/Mask.js';

/** Per-run changes to a preset's sampler (CLI --steps, --step-size); undefined keeps the preset's value. */
export interface SamplerOverrides {
  steps?: number;
  stepSize?: number;
}

/** The preset names `ebm-image train --preset` accepts. */
export type PresetName = 'texture' | 'object';

/**
 * Training settings shared by every preset: what the trainer (core's McmcMle) and the optimiser (Adam) get.
 * Plain JSON, stored in the model file so that `--resume` and synthesis use what training used.
 */
export interface PresetTraining {
  /** Parameter updates when the user gives no --iterations. */
  iterations: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Adam β₁ (0.9 is PyTorch's default; IGEBM uses 0). */
  beta1: number;
  /** Where each iteration's chains start (core ChainStart). */
  init: ChainStart;
  /** Synthesized images per iteration (chains from fresh noise, replay buffer or data, by `init`). */
  chains: number;
  /**
   * Fill chains per iteration (conditional short-run learning): each starts at a training image with a random square
   * hidden and filled by harmonic interpolation plus noise, the rest held, so the model learns the dynamics that
   * inpaint a hole; omitted or 0: none.
   */
  fillChains?: number;
  /** Smallest and largest side of those squares, pixels. */
  holeSides?: readonly [number, number];
  /** Data images per iteration (drawn with replacement); omitted: all, at most 16. */
  batchSize?: number;
  /** Replay buffer capacity in images and reinitialisation probability (init 'replay'). */
  replay?: { capacity: number; reinitProb: number };
  /** α of the penalty α·(E(data)² + E(samples)²) (IGEBM); 0 = none. */
  energyPenalty: number;
  /** Clip the parameter gradient to this L2 norm; omitted = no clipping. */
  maxGradNorm?: number;
}

/**
 * A resolved preset: the network, sampler and training settings for one kind of image data.
 * Built by {@link texturePreset} or {@link objectPreset}; everything but the methods is plain JSON.
 */
export interface ImagePreset {
  readonly name: PresetName;
  /** Side of the square training images, pixels (the CLI scales data to it). */
  readonly size: number;
  /** How images in [0, 1] become network values; presets use `symmetric` ([−1, 1]). */
  readonly normalisation: Normalisation;
  /** Sampler settings for training and synthesis (core registry name and constructor options). */
  readonly sampler: SamplerState;
  /** Noise that fresh chains start from, in network units. */
  readonly noise: NoiseInit;
  /**
   * Precision of the smooth (Gaussian MRF) reference added to the network's energy, 1/(network units)²: λ, or a
   * C×C matrix P over channel differences (see withSmoothReference); 0 = none.
   */
  readonly smoothness: Smoothness;
  /** Whether the last layer starts at zero (the untrained energy is the reference alone). */
  readonly zeroReadout: boolean;
  /** Whether the network can run at sizes other than the training size (fully convolutional texture models). */
  readonly anySize: boolean;
  readonly training: PresetTraining;
  /** The options this preset was built from (defaults with overrides applied), for the model file. */
  readonly options: Record<string, unknown>;
  /**
   * The energy network for images of `channels` planes of height × width pixels.
   * @returns a core NetworkSpec with input [channels, height, width].
   */
  network(channels: 1 | 3, width: number, height: number): NetworkSpec;
  /** A fresh sampler with these settings; `steps` and `stepSize` (δ for Langevin, α for SGLD) override the preset's. */
  createSampler(overrides?: SamplerOverrides): Sampler;
  /**
   * The sampler's drift without its noise, x ← x − a·∂E/∂x (a = δ²/2 for Langevin, α for SGLD): energy descent
   * toward a nearby mode, used to end inpainting at a low-noise estimate.
   */
  createDescent(steps: number, stepSize?: number): Sampler;
  /**
   * This preset with its data-dependent options resolved from the training images (e.g. `smoothness: 'fit'`).
   * @param images [C, H, W] in [0, 1]
   * @param mask [H, W], 1 = missing: pixels to leave out of the fit (inpainting by learning).
   */
  fit(images: readonly ImageTensor[], mask?: Mask): ImagePreset;
}
