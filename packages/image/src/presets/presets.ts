import type { ImagePreset, PresetName } from './ImagePreset.js';
import { objectPreset, type ObjectPresetOptions } from './objectPreset.js';
import { texturePreset, type TexturePresetOptions } from './texturePreset.js';

/** Preset name → builder. `presets.texture({ size: 128 })` is the texture preset at 128 px. */
export const presets = {
  texture: texturePreset,
  object: objectPreset,
} as const satisfies Record<PresetName, (overrides?: never) => ImagePreset>;

/** The preset names, in a fixed order. */
export const PRESET_NAMES = Object.keys(presets) as PresetName[];

/** True when `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(presets, name);
}

/**
 * Builds a preset by name with option overrides (unknown option names are ignored; undefined keeps a default).
 * @throws RangeError naming the presets for an unknown name.
 */
export function createPreset(name: string, overrides: Partial<TexturePresetOptions & ObjectPresetOptions> = {}): ImagePreset {
  if (!isPresetName(name)) throw new RangeError(`unknown preset '${name}' (one of ${PRESET_NAMES.join(', ')})`);
  const known = name === 'texture' ? texturePreset() : objectPreset();
  const filtered = Object.fromEntries(Object.entries(overrides).filter(([k]) => k in known.options));
  return name === 'texture' ? texturePreset(filtered) : objectPreset(filtered);
}
