import type { ChainStart, Constraint, NetworkSpec, NoiseInit, Sampler, SamplerState } from '@ebm/core';
import type { SpaceTimeSmoothness } from '../energy/SpaceTimeSmoothness.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/** Per-run changes to a preset's sampler (CLI --steps, --step-size); undefined keeps the preset's value. */
export interface SamplerOverrides {
  steps?: number;
  stepSize?: number;
}

/** The preset names `ebm-video train --preset` accepts. */
export type VideoPresetName = 'dynamic-texture';

/** Training settings: what the trainer (core's McmcMle) and the optimiser (Adam) get. Plain JSON. */
export interface VideoPresetTraining {
  /** Parameter updates when the user gives no --iterations. */
  iterations: number;
  learningRate: number;
  /** Adam β₁. */
  beta1: number;
  /** Where each iteration's chains start. */
  init: ChainStart;
  /** Synthesized clips per iteration. */
  chains: number;
}

/**
 * A resolved preset: network, reference, sampler and training settings for clips of one kind, plain JSON apart from
 * the methods. Built by {@link dynamicTexturePreset}.
 */
export interface VideoPreset {
  readonly name: VideoPresetName;
  /** Training clip: frames, width, height (the CLI reads data at this size unless told otherwise). */
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  /** Sampler settings for training and synthesis (core registry name and constructor options). */
  readonly sampler: SamplerState;
  /** Noise fresh chains start from, network units ([−1, 1] clips). */
  readonly noise: NoiseInit;
  /** Precisions of the space-time smooth reference added to the network's energy; 0 = off. */
  readonly smoothness: SpaceTimeSmoothness;
  /** Whether the last layer starts at zero (the untrained energy is the reference alone). */
  readonly zeroReadout: boolean;
  readonly training: VideoPresetTraining;
  /**
   * Constraints that keep chains of clips [N, channels, T, H, W] inside the training colours' box (none if off).
   * @param positions T·H·W of the clips sampled.
   */
  colourConstraints(channels: number, positions: number): Constraint[];
  /** The options this preset was built from (defaults with overrides), stored in model files. */
  readonly options: Record<string, unknown>;
  /** The energy network for clips [channels, frames, height, width]. */
  network(channels: 1 | 3, frames: number, height: number, width: number): NetworkSpec;
  /** A fresh sampler with these settings; overrides replace steps and the step size δ. */
  createSampler(overrides?: SamplerOverrides): Sampler;
  /** The sampler's drift without noise (energy descent to a nearby mode), `steps` steps. */
  createDescent(steps: number, stepSize?: number): Sampler;
  /** This preset with its data-dependent options ('fit') resolved from clips, leaving out masked pixels. */
  fit(clips: readonly VideoTensor[], mask?: VideoMask): VideoPreset;
}
