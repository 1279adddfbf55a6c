import type { EnergyFn, EnergyModel, McmcMle, McmcMleState } from '@ebm/core';
import { withSpaceTimeSmoothness } from '../energy/SpaceTimeSmoothness.js';
import type { VideoPreset } from '../presets/VideoPreset.js';

/**
 * A trained (or training) video energy model: core's EnergyModel with the preset it came from and the training clip's
 * shape. Network input [channels, frames, height, width] in [−1, 1].
 */
export interface VideoModel {
  readonly model: EnergyModel;
  readonly preset: VideoPreset;
  readonly channels: 1 | 3;
  /** Training clip: frames, height, width, and its frame rate (the default rate of synthesized clips). */
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  /** The trainer, while training or after loading a resumable file. */
  trainer?: McmcMle;
  /** Trainer state read from a model file, for resuming. */
  trainerState?: McmcMleState;
  /** Where the model was loaded from, for messages. */
  path?: string;
}

/**
 * The model's energy for clips of any length and size (the network is fully convolutional), with the preset's
 * space-time reference: x [N, C, T, H, W] → { energy [N], grad [N, C, T, H, W] }.
 */
export function videoEnergyFn(m: VideoModel, frames = m.frames, height = m.height, width = m.width): EnergyFn {
  const shape = [m.channels, frames, height, width];
  return withSpaceTimeSmoothness(m.model.energyFn(shape), m.preset.smoothness, shape);
}
