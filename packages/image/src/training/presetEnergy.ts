import { EnergyModel } from '@ebm/core';
import { SmoothReferenceEnergy } from '../energy/smoothReference.js';
import type { ImagePreset } from '../presets/ImagePreset.js';
import { zeroReadout } from './zeroReadout.js';

/**
 * A fresh model of a preset's network for images [channels, height, width] (its readout zeroed where the preset
 * says), and the energy that training and recovery sample: the network plus the preset's smooth reference.
 */
export async function presetEnergy(
  preset: ImagePreset,
  channels: number,
  width: number,
  height: number,
  options: { seed?: number; threads?: number } = {},
): Promise<{ model: EnergyModel; energy: SmoothReferenceEnergy }> {
  const model = await EnergyModel.create(preset.network(channels as 1 | 3, width, height), { seed: options.seed ?? 0, threads: options.threads });
  if (preset.zeroReadout) zeroReadout(model);
  return { model, energy: new SmoothReferenceEnergy(model, preset.smoothness) };
}
