import { Sgld, type NetworkSpec, type NoiseInit } from '@ebm/core';
import { definedOnly } from './definedOnly.js';
import type { ImagePreset } from './ImagePreset.js';

/** Options of the `object` preset; every field has a documented default in {@link OBJECT_DEFAULTS}. */
export interface ObjectPresetOptions {
  /** Side of the (aligned, square) training images, pixels; at least 32. */
  size: number;
  /** Filters of the first conv layer; later layers have 2×, 4× and 8× as many. */
  filters: number;
  /** SGLD steps per synthesis. */
  steps: number;
  /** SGLD gradient coefficient α (network units² per energy unit). */
  stepSize: number;
  /** SGLD noise std η per step (network units). */
  noiseStd: number;
  /** Parameter updates. */
  iterations: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Synthesized images per iteration (chains drawn from the replay buffer). */
  chains: number;
  /** Data images per iteration. */
  batchSize: number;
  /** Replay buffer capacity, images (each is kept in the model file for --resume). */
  bufferSize: number;
  /** Probability that a chain restarts from uniform noise in [−1, 1). */
  reinitProb: number;
  /** α of the energy penalty α·(E(data)² + E(samples)²). */
  energyPenalty: number;
}

/**
 * Defaults of the `object` preset (aligned images such as faces or digits, short-run / IGEBM style), sized for two
 * CPU cores (≈0.4–0.8 s per iteration at 32×32):
 * - network (size 32): conv 3×3/1 (16) → conv 4×4/2 (32) → conv 4×4/2 (64) → conv 4×4/2 (128) → conv 4×4 valid (1),
 *   LeakyReLU 0.2 between, sum readout: one energy per image;
 * - sampling: 20 SGLD steps, α = 1, η = 0.01 (JEM's values for [−1, 1] images), clamped to [−1, 1], chains drawn
 *   from a replay buffer of 500 images with 5 % restarts from uniform noise (IGEBM); synthesis starts from the
 *   buffer stored in the model file, as IGEBM samples at test time;
 * - learning: Adam lr 10⁻³, β₁ = 0, energy penalty 0.1, batches of 16 data and 16 chains, 500 iterations.
 */
export const OBJECT_DEFAULTS: Readonly<ObjectPresetOptions> = Object.freeze({
  size: 32,
  filters: 16,
  steps: 20,
  stepSize: 1,
  noiseStd: 0.01,
  iterations: 500,
  learningRate: 1e-3,
  chains: 16,
  batchSize: 16,
  bufferSize: 500,
  reinitProb: 0.05,
  energyPenalty: 0.1,
});

/**
 * The short-run / IGEBM energy model for aligned images: one scalar energy per image, SGLD with a replay buffer.
 * Not fully convolutional in meaning: it synthesizes and inpaints at its training size only.
 * @param overrides any subset of {@link ObjectPresetOptions}; the rest come from {@link OBJECT_DEFAULTS}.
 */
export function objectPreset(overrides: Partial<ObjectPresetOptions> = {}): ImagePreset {
  const o: ObjectPresetOptions = { ...OBJECT_DEFAULTS, ...definedOnly(overrides) };
  if (!(o.size >= 32)) throw new RangeError(`object preset size ${o.size} is below 32 pixels (pass --size 32 or more)`);
  const noise: NoiseInit = { kind: 'uniform', lo: -1, hi: 1 };
  const samplerOptions = { steps: o.steps, stepSize: o.stepSize, noiseStd: o.noiseStd, clamp: [-1, 1] as [number, number] };
  return {
    name: 'object',
    size: o.size,
    normalisation: { kind: 'symmetric' },
    sampler: { name: 'sgld', options: samplerOptions },
    noise,
    anySize: false,
    smoothness: 0,
    zeroReadout: false,
    training: {
      iterations: o.iterations,
      learningRate: o.learningRate,
      beta1: 0,
      init: 'replay',
      chains: o.chains,
      batchSize: o.batchSize,
      replay: { capacity: o.bufferSize, reinitProb: o.reinitProb },
      energyPenalty: o.energyPenalty,
    },
    options: { ...o },
    network(channels, width, height): NetworkSpec {
      const f = o.filters;
      // Three stride-2 convs take 32 px to 4 px; the last 4×4 valid conv sees the rest of the image at once.
      const last = [Math.floor(height / 8), Math.floor(width / 8)];
      return {
        kind: 'ebm-network',
        input: [channels, height, width],
        readout: 'sum',
        layers: [
          { type: 'conv2d', outChannels: f, kernel: 3, stride: 1, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 2 * f, kernel: 4, stride: 2, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 4 * f, kernel: 4, stride: 2, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 8 * f, kernel: 4, stride: 2, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 1, kernel: last, stride: 1, padding: 0 },
        ],
      };
    },
    createSampler(overrides = {}) {
      return new Sgld({ ...samplerOptions, ...definedOnly(overrides) });
    },
    createDescent(steps, stepSize = o.stepSize) {
      return new Sgld({ ...samplerOptions, steps, stepSize, noiseStd: 0 });
    },
    fit() {
      return this;
    },
  };
}
