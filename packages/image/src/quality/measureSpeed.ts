import type { ImageTensor } from '../io/ImageTensor.js';
import type { PresetName } from '../presets/ImagePreset.js';
import { createPreset } from '../presets/presets.js';
import { synthesize } from '../synthesis/synthesize.js';
import { generateTexture } from '../textures/generateTexture.js';
import { runIterations, trainImageModel } from '../training/trainImageModel.js';

/** Wall-clock speed of one preset at its defaults. */
export interface SpeedScores {
  preset: PresetName;
  /** Training image side, pixels. */
  size: number;
  /** Mean seconds per parameter update (sampling included), after `warmup` untimed ones. */
  secondsPerIteration: number;
  /** Side of the synthesized image, pixels (texture: 128; object: its training size). */
  synthesisSize: number;
  /** Seconds per synthesized image of synthesisSize² pixels at the preset's steps, sessions already open. */
  secondsPerImage: number;
}

/**
 * Times a preset at its defaults on generated data (a brick texture; for `object`, 16 brick crops).
 * @param iterations timed parameter updates; default 10.
 */
export async function measureSpeed(preset: PresetName, options: { iterations?: number; warmup?: number; threads?: number } = {}): Promise<SpeedScores> {
  const p = createPreset(preset);
  const images: ImageTensor[] = [];
  const count = preset === 'texture' ? 1 : 16;
  for (let i = 0; i < count; i++) images.push(generateTexture('brick', { size: p.size, seed: i }));
  const m = await trainImageModel(images, { preset: p, iterations: options.warmup ?? 2, threads: options.threads });
  const iterations = options.iterations ?? 10;
  let t0 = performance.now();
  await runIterations(m, images, iterations);
  const secondsPerIteration = (performance.now() - t0) / 1000 / iterations;
  const synthesisSize = preset === 'texture' ? 128 : p.size;
  await synthesize(m, { width: synthesisSize, height: synthesisSize, steps: 1 }); // opens the sessions for this size
  t0 = performance.now();
  await synthesize(m, { width: synthesisSize, height: synthesisSize, seed: 1 });
  const secondsPerImage = (performance.now() - t0) / 1000;
  await m.model.dispose();
  return { preset, size: p.size, secondsPerIteration, synthesisSize, secondsPerImage };
}
