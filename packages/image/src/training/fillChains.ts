import { fillNoise, observedMask, type NoiseInit, type Rng, type StepOptions } from '@ebm/core';
import { cropImage } from '../io/cropImage.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { normaliseImage, type Normalisation } from '../io/Normalisation.js';
import { squareHole } from '../masks/squareHole.js';
import type { TrainingHoles } from '../masks/trainingHoles.js';
import { inpaintingStart, observedIndicator } from '../inpainting/observedValues.js';

/** What the chains of one training iteration are: fresh-noise chains (synthesis) and fill chains (inpainting). */
export interface ChainMix {
  /** Chains that start from the preset's noise (short-run synthesis). */
  noiseChains: number;
  /** Chains that start at a data window with a square hole filled by harmonic interpolation plus noise, the rest held. */
  fillChains: number;
  /** Where windows and holes are drawn (the images' size, the network's input size, hole sides, missing pixels). */
  holes: TrainingHoles;
}

/** One iteration's data windows [B·D] and the trainer's step options (chain starts and the observed mask). */
export interface MixedChains {
  data: Float32Array;
  step: StepOptions;
}

/**
 * Builds one iteration of conditional short-run learning: `noiseChains` chains from the preset's noise, then
 * `fillChains` chains that each hide a random square of a random window of a random image, start it at harmonic
 * interpolation plus noise and hold the rest of the window at the data. The data batch is the fill chains' windows
 * (or, without fill chains, one random window): the model learns to keep data stable and to turn a harmonic fill
 * into texture with the very sampler it will inpaint with.
 * @param images [C, H, W] in [0, 1], all of the size `mix.holes` was made for, complete (an inpainting's missing
 *   pixels already filled in by an interpolation; `mix.holes` keeps training holes away from them).
 * @returns data [B, C, h, w] in network units (w × h = the windows' size), and starts [(noiseChains + fillChains)·D].
 */
export function mixedChains(images: readonly ImageTensor[], mix: ChainMix, normalisation: Normalisation, noise: NoiseInit, rng: Rng): MixedChains {
  const { windowWidth, windowHeight } = mix.holes;
  const C = images[0].channels;
  const D = C * windowWidth * windowHeight;
  const M = mix.noiseChains + mix.fillChains;
  const B = Math.max(1, mix.fillChains);
  const data = new Float32Array(B * D);
  const start = new Float32Array(M * D);
  const held = new Uint8Array(M * D);
  if (mix.noiseChains > 0) fillNoise(start.subarray(0, mix.noiseChains * D), rng, noise);
  for (let k = 0; k < B; k++) {
    const image = images[rng.int(images.length)];
    const place = mix.holes.draw(rng);
    const window = cropImage(image, place.left, place.top, windowWidth, windowHeight);
    data.set(normaliseImage(normalisation, window), k * D);
    if (k >= mix.fillChains) continue;
    const hole = squareHole(windowWidth, windowHeight, place.holeLeft, place.holeTop, place.side);
    const offset = (mix.noiseChains + k) * D;
    start.set(inpaintingStart(window, hole, normalisation, 1, 'harmonic+noise', noise, rng), offset);
    held.set(observedIndicator(hole, C), offset);
  }
  const step: StepOptions = { start, constraints: mix.fillChains > 0 ? [observedMask(held, start)] : [] };
  return { data, step };
}
