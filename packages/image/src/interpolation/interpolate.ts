import { Rng } from '@ebm/core';
import { clampImage, type ImageTensor } from '../io/ImageTensor.js';
import { denormaliseImage, normaliseImage } from '../io/Normalisation.js';
import { imageEnergyFn, imageSampler, type ImageModel } from '../model/ImageModel.js';
import { assertFiniteEnergy, assertFiniteSamples } from '../synthesis/SamplingDivergedError.js';
import type { StepProgress } from '../synthesis/synthesize.js';

/** Options of {@link interpolate}. */
export interface InterpolateOptions {
  /** Frames of the path, both ends included; default 8, at least 2. */
  frames?: number;
  /** Sampler steps that reconstruct each end from its image; default the preset's. */
  reconstructSteps?: number;
  /** Sampler steps run on every frame of the straight path, pulling it back to the model; default 10. */
  frameSteps?: number;
  /** Seed; every frame uses the same noise sequence so that neighbouring frames stay alike. Default 0. */
  seed?: number;
  onStep?: StepProgress;
}

/**
 * A path between two images under the model: each end is reconstructed by a short run of the model's sampler
 * started at the image (a nearby sample the model explains), the frames are the straight line between the two
 * reconstructions in network space, and each frame then takes a few sampler steps with the same noise sequence, so
 * the in-between frames look like the model's images rather than cross-fades.
 * @param from [C, H, W] in [0, 1], the model's channel count.
 * @param to [C, H, W] in [0, 1], the same size as `from`.
 * @returns `frames` images [C, H, W] in [0, 1], from `from` to `to`.
 * @throws RangeError for images of different sizes or channel counts; SamplingDivergedError when sampling diverges.
 */
export async function interpolate(m: ImageModel, from: ImageTensor, to: ImageTensor, options: InterpolateOptions = {}): Promise<ImageTensor[]> {
  if (from.width !== to.width || from.height !== to.height || from.channels !== to.channels) {
    throw new RangeError(
      `the end images differ: ${from.width}x${from.height}x${from.channels} and ${to.width}x${to.height}x${to.channels} (use two images of one size)`,
    );
  }
  if (from.channels !== m.channels) throw new RangeError(`the images have ${from.channels} channel(s), the model ${m.channels}`);
  const frames = options.frames ?? 8;
  if (!Number.isInteger(frames) || frames < 2) throw new RangeError(`frames ${frames} is not a whole number ≥ 2`);
  const reconstructSteps = options.reconstructSteps ?? Number(m.preset.sampler.options.steps);
  const frameSteps = options.frameSteps ?? 10;
  const total = reconstructSteps + frames * frameSteps;
  const energy = imageEnergyFn(m, from.width, from.height);
  const seed = options.seed ?? 0;
  const label = m.path ?? 'model';
  const D = from.data.length;

  const ends = new Float32Array(2 * D);
  ends.set(normaliseImage(m.normalisation, from), 0);
  ends.set(normaliseImage(m.normalisation, to), D);
  await imageSampler(m, { steps: reconstructSteps }).sample(energy, ends, {
    rng: new Rng(seed),
    onStep: (k, e) => {
      assertFiniteEnergy(e, k, label, 'a reconstructed end image');
      options.onStep?.(k + 1, total);
    },
  });
  assertFiniteSamples(ends, label, 'a reconstructed end image');

  const out: ImageTensor[] = [];
  const frameSampler = imageSampler(m, { steps: frameSteps });
  for (let f = 0; f < frames; f++) {
    const t = f / (frames - 1);
    const x = new Float32Array(D);
    for (let i = 0; i < D; i++) x[i] = (1 - t) * ends[i] + t * ends[D + i];
    await frameSampler.sample(energy, x, {
      rng: new Rng(seed + 1),
      onStep: (k, e) => {
        assertFiniteEnergy(e, k, label, `frame ${f}`);
        options.onStep?.(reconstructSteps + f * frameSteps + k + 1, total);
      },
    });
    assertFiniteSamples(x, label, `frame ${f}`);
    out.push(clampImage(denormaliseImage(m.normalisation, x, from)));
  }
  return out;
}
