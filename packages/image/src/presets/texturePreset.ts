import { Sgld, type NetworkSpec, type NoiseInit } from '@ebm/core';
import { fitSmoothness, fitSmoothnessPrecision } from '../energy/fitSmoothness.js';
import { smoothnessScale, type Smoothness } from '../energy/smoothReference.js';
import { observedMean } from '../energy/observedMean.js';
import { definedOnly } from './definedOnly.js';
import type { ImagePreset } from './ImagePreset.js';

/** Options of the `texture` preset; every field has a documented default in {@link TEXTURE_DEFAULTS}. */
export interface TexturePresetOptions {
  /** Side of the training images, pixels. */
  size: number;
  /** Filters of the first conv layer; the next two have twice as many. */
  filters: number;
  /**
   * Stride of the first (5×5) conv layer: 2 (default) halves the resolution at once; 1 keeps every pixel's own
   * features (a 1-px translation changes nothing but the position); --learn on 64×64 took about 2.5× as long.
   */
  firstStride: 1 | 2;
  /** σ of Xie et al.'s white reference Gaussian N(0, σ²I), in network units ([−1, 1] images). */
  referenceSigma: number;
  /**
   * Precision of the smooth (Gaussian MRF) reference (1/2)·Σ dᵀPd over neighbour pixel differences d,
   * 1/(network units)²: a number λ (P = λI) or a C×C matrix P; 'fit' estimates it from the training data
   * ({@link fitSmoothness}, or {@link fitSmoothnessPrecision} with `coupleChannels`); 0 turns it off.
   */
  smoothness: Smoothness | 'fit';
  /**
   * With `smoothness: 'fit'` on colour images: fit a C×C precision that couples the channels
   * ({@link fitSmoothnessPrecision}; hues the data lack cost energy) instead of one λ shared by independent channels.
   */
  coupleChannels: boolean;
  /**
   * Upper bound on a fitted λ. A stiffer reference forces a smaller Langevin step (see `stepSize`), and below
   * δ ≈ 0.025 thirty steps no longer carry noise to a texture; inpainting by learning, which samples near data,
   * allows much more.
   */
  maxSmoothness: number;
  /**
   * Temperature T of the sampler (it draws from exp(−E/T): noise std δ·√T per step, gradient coefficient δ²/2), at
   * most 1. 'fit': T = λ / λ_data when `maxSmoothness` caps the λ_data fitted to a smooth texture, so that the
   * reference field's neighbour differences keep the data's variance 1/(2·λ_data) (T·1/(2λ)) instead of the capped
   * field's larger one, and the last steps' noise does not speckle a smooth texture; else 1.
   */
  temperature: number | 'fit';
  /** Langevin steps per synthesis (training and default synthesis). */
  steps: number;
  /**
   * Largest Langevin step δ (noise std per step, network units; the gradient coefficient is δ²/2). The step used
   * is min(δ, √(1/(8λ + 1/σ²))), half the stability limit of the reference's stiffest direction.
   */
  stepSize: number;
  /** Std of the Gaussian noise chains start from, network units. */
  initStd: number;
  /**
   * Mean of that noise, network units (0 = mid grey); 'fit' takes the mean of the training data, so chains start at
   * the data's brightness and short runs need not travel there (a bright sky from grey noise outruns 30 steps).
   */
  initMean: number | 'fit';
  /** Parameter updates. */
  iterations: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Synthesized images per iteration, from fresh noise. */
  chains: number;
  /**
   * Fill chains per iteration: each hides a random square of the training image, starts it at harmonic interpolation
   * plus the chain noise and holds the rest, so the model learns to fill holes with the very sampler `inpaint` runs
   * (conditional short-run learning); 0 = synthesis only.
   */
  fillChains: number;
  /** Smallest and largest side of those squares, as fractions of the training size. */
  holeFractions: readonly [number, number];
  /**
   * Clip each element of ∂E/∂x to [−c, c] before a Langevin step (IGEBM); 0 = off. Bounds the move per step to
   * δ²c/2 as the learned energy grows steeper, which keeps long runs (hundreds of iterations) from blowing up.
   */
  gradClip: number;
  /** Clamp chains to the data range [−1, 1] after every step (keeps short chains from running away). */
  clamp: boolean;
  /**
   * Where each iteration's chains start: 'noise' (short-run from fresh noise: the model learns to synthesize in
   * `steps` steps), 'persistent' (chains kept across iterations) or 'data' (contrastive divergence: the model
   * learns to keep data stable, which is what inpainting needs).
   */
  init: 'noise' | 'persistent' | 'data';
  /** Start the last conv layer at zero, so the untrained model is the reference alone (harmonic inpainting). */
  zeroReadout: boolean;
}

/**
 * Defaults of the `texture` preset, chosen so that training on one 64×64 texture takes one to two minutes on two
 * CPU cores (≈0.15–0.4 s per iteration) and synthesizes a recognisable texture at any larger size:
 * - network: conv 5×5/2 (32) → LeakyReLU 0.2 → conv 3×3/2 (64) → LReLU → conv 3×3/1 (64) → LReLU, sum readout:
 *   fully convolutional with a 17-pixel receptive field, so E is a sum of local terms and the same θ applies to
 *   any image size (stationarity); the last layer starts at zero;
 * - reference: white Gaussian σ = 0.1 plus a smooth (Gaussian MRF) term with λ fitted to the data (at most 200), so the
 *   untrained model already has the data's pixel-to-pixel smoothness and inpaints like harmonic interpolation;
 * - sampling: 30 Langevin steps of δ = min(0.03, √(1/(8λ + 1/σ²))) from N(m, 0.1²) noise each iteration (m the
 *   data's mean value),
 *   gradient clipped to ±100 and values clamped to [−1, 1] (short-run, Nijkamp et al. 2019), so synthesis runs the
 *   very dynamics that training taught;
 * - learning: Adam lr 0.002, 300 iterations, 1 synthesized image per iteration.
 */
export const TEXTURE_DEFAULTS: Readonly<TexturePresetOptions> = Object.freeze({
  size: 64,
  filters: 32,
  firstStride: 2,
  referenceSigma: 0.1,
  smoothness: 'fit',
  coupleChannels: false,
  maxSmoothness: 200,
  temperature: 'fit',
  steps: 30,
  stepSize: 0.03,
  initStd: 0.1,
  initMean: 'fit',
  iterations: 300,
  learningRate: 0.002,
  chains: 1,
  fillChains: 1,
  holeFractions: [0.125, 0.5] as const,
  gradClip: 100,
  clamp: true,
  init: 'noise',
  zeroReadout: true,
});

/**
 * The generative ConvNet of Xie et al. (2016) for a stationary texture learned from one or a few images:
 * E(x) = −Σ f(x; θ) + ‖x‖²/(2σ²) [+ (λ/2)·Σ(x_p − x_q)²] with f a fully convolutional net, sampled by Langevin
 * dynamics.
 * @param overrides any subset of {@link TexturePresetOptions}; the rest come from {@link TEXTURE_DEFAULTS}.
 */
export function texturePreset(overrides: Partial<TexturePresetOptions> = {}): ImagePreset {
  const o: TexturePresetOptions = { ...TEXTURE_DEFAULTS, ...definedOnly(overrides) };
  const noise: NoiseInit = { kind: 'gaussian', mean: o.initMean === 'fit' ? 0 : o.initMean, std: o.initStd };
  const lambda = o.smoothness === 'fit' ? 0 : o.smoothness;
  // Stiffest direction of the reference: a checkerboard along P's largest eigenvector, curvature 8λ_max + 1/σ².
  const stiffness = 8 * smoothnessScale(lambda) + 1 / (o.referenceSigma * o.referenceSigma);
  const delta = Math.min(o.stepSize, Math.sqrt(1 / stiffness));
  const clamp = o.clamp ? ([-1, 1] as [number, number]) : undefined;
  const gradClip = o.gradClip > 0 ? { gradClip: o.gradClip } : {};
  const temperature = o.temperature === 'fit' ? 1 : Math.min(1, o.temperature);
  // Langevin in SGLD form: gradient coefficient δ²/2, noise δ·√T (exactly Xie et al.'s Langevin at T = 1).
  const sgld = (d: number, steps: number) => ({ steps, stepSize: 0.5 * d * d, noiseStd: d * Math.sqrt(temperature), ...(clamp ? { clamp } : {}), ...gradClip });
  const samplerOptions = sgld(delta, o.steps);
  return {
    name: 'texture',
    size: o.size,
    normalisation: { kind: 'symmetric' },
    // The reference terms live in the energy (network referenceSigma, smoothness), so the sampler's sigma stays off.
    sampler: { name: 'sgld', options: samplerOptions },
    noise,
    anySize: true,
    smoothness: lambda,
    zeroReadout: o.zeroReadout,
    training: {
      iterations: o.iterations,
      learningRate: o.learningRate,
      beta1: 0.9,
      init: o.init,
      chains: o.chains,
      fillChains: o.fillChains,
      holeSides: [Math.max(1, Math.round(o.holeFractions[0] * o.size)), Math.max(1, Math.round(o.holeFractions[1] * o.size))],
      energyPenalty: 0,
    },
    options: { ...o },
    network(channels, width, height): NetworkSpec {
      const f = o.filters;
      return {
        kind: 'ebm-network',
        input: [channels, height, width],
        referenceSigma: o.referenceSigma,
        readout: 'sum',
        layers: [
          { type: 'conv2d', outChannels: f, kernel: 5, stride: o.firstStride, padding: 2 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 2 * f, kernel: 3, stride: 2, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv2d', outChannels: 2 * f, kernel: 3, stride: 1, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
        ],
      };
    },
    createSampler(overrides = {}) {
      return new Sgld(sgld(overrides.stepSize ?? delta, overrides.steps ?? o.steps));
    },
    createDescent(steps, stepSize) {
      // Default: gradient coefficient 1/stiffness, which takes the reference part of the way to its minimum in one step.
      const a = stepSize === undefined ? 1 / stiffness : 0.5 * stepSize * stepSize;
      return new Sgld({ steps, stepSize: a, noiseStd: 0, ...(clamp ? { clamp } : {}), ...gradClip });
    },
    fit(images, mask) {
      if (o.smoothness !== 'fit' && o.initMean !== 'fit' && o.temperature !== 'fit') return this;
      // λ the data ask for, before the cap that keeps the Langevin step large enough.
      const lambdaData = fitSmoothness(images, { kind: 'symmetric' }, mask, Number.MAX_VALUE);
      return texturePreset({
        ...o,
        smoothness:
          o.smoothness !== 'fit'
            ? o.smoothness
            : o.coupleChannels
              ? fitSmoothnessPrecision(images, { kind: 'symmetric' }, mask, o.maxSmoothness)
              : Math.min(lambdaData, o.maxSmoothness),
        initMean: o.initMean === 'fit' ? observedMean(images, mask) : o.initMean,
        temperature: o.temperature === 'fit' ? Math.min(1, o.maxSmoothness / lambdaData) : o.temperature,
      });
    },
  };
}
