import { Langevin, Sgld, type NetworkSpec, type NoiseInit } from '@ebm/core';
import { colourBox } from './colourBox.js';
import { fitSmoothness } from '../energy/fitSmoothness.js';
import { holdoutRatios } from '../energy/holdoutRatios.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';
import { smoothnessStiffness, type SpaceTimeSmoothness } from '../energy/SpaceTimeSmoothness.js';
import { observedMean } from '../energy/observedMean.js';
import { definedOnly } from './definedOnly.js';
import type { VideoPreset } from './VideoPreset.js';

/** Options of the `dynamic-texture` preset; every field has a documented default in {@link DYNAMIC_TEXTURE_DEFAULTS}. */
export interface DynamicTextureOptions {
  /** Training clip length (frames), width and height, pixels. */
  frames: number;
  width: number;
  height: number;
  /** Filters of the first conv3d layer; the next two have twice as many. */
  filters: number;
  /** σ of Xie et al.'s white reference Gaussian N(0, σ²I), network units ([−1, 1] clips). */
  referenceSigma: number;
  /**
   * Precisions of the space-time smooth reference: 'fit' estimates both from the clip by moment matching
   * ({@link fitSmoothness}); 'holdout' takes λ_s from that fit and λ_t = r·λ_s with the ratio r that best predicts
   * held-out observed pixels ({@link holdoutRatios}; recovery, where a mask says what is missing).
   */
  smoothness: SpaceTimeSmoothness | 'fit' | 'holdout';
  /** Upper bound on a fitted precision (a stiffer reference forces a smaller Langevin step). */
  maxSmoothness: number;
  /** Langevin steps per synthesis (training and default synthesis). */
  steps: number;
  /** Largest Langevin step δ; the one used is min(δ, √(1/stiffness)), stiffness = 4λ_t + 8λ_s + 1/σ². */
  stepSize: number;
  /** Std and mean ('fit': the data's mean) of the Gaussian noise chains start from, network units. */
  initStd: number;
  initMean: number | 'fit';
  iterations: number;
  learningRate: number;
  /** Synthesized clips per iteration. */
  chains: number;
  /** Clip each element of ∂E/∂x to [−c, c] before a Langevin step; 0 = off. */
  gradClip: number;
  /** Clamp chains to [−1, 1] after every step. */
  clamp: boolean;
  /** 'noise' (short-run from fresh noise), 'persistent', or 'data' (contrastive divergence, used for recovery). */
  init: 'noise' | 'persistent' | 'data';
  /** Start the last layer at zero, so the untrained model is the reference alone. */
  zeroReadout: boolean;
  /**
   * Colours synthesized clips keep to during training and synthesis: 'fit' takes up to 4096 colours of the training
   * clips at an even stride, and chains are kept inside the box those span along their principal axes (core's
   * principalAxisBox: grey smoke stays grey, a pond keeps its blues and greens); 'off' none; number[] the resolved
   * colours, [C, K] flat, network units (stored in model files).
   */
  colours: 'fit' | 'off' | number[];
}

/**
 * Defaults of `dynamic-texture`, the spatial-temporal generative ConvNet of Xie, Zhu & Wu (2017) sized for two CPU cores:
 * - clips of 24 frames of 64×48 (RGB, [−1, 1]);
 * - network: conv3d 32 × (3×5×5), stride (1, 2, 2) → LeakyReLU 0.2 → conv3d 64 × 3³, stride 2 → LReLU → conv3d
 *   64 × 3³, stride 1 → LReLU, sum readout: fully convolutional in time and space (receptive field 9 frames × 17 px),
 *   so E is a sum of local space-time terms and a model synthesizes clips longer or larger than its training clip;
 *   the paper's "ST" net (120 × 15³/7, 40 × 7³/3, 20 × 2×3×3) is sized for 224-px, 70-frame clips on a GPU;
 * - reference: white Gaussian σ = 0.1 plus a space-time smooth Gaussian MRF with λ_t, λ_s fitted to the clip (≤ 200),
 *   and the last layer starts at zero, so the untrained model is that Gaussian;
 * - Langevin in the paper's form x ← x − δ²/2·∂E/∂x + δ·ε (the reference inside E), 20 steps of
 *   δ = min(0.03, √(1/stiffness)) from N(clip mean, 0.1²) each iteration (short-run; persistent chains, the paper's,
 *   are `init: 'persistent'`, and measured worse on ripples at 120 iterations: grey, striped clips), ∂E/∂x clipped to
 *   ±100, values clamped to [−1, 1]; the paper runs 20 steps of δ = 0.3 on persistent chains over 0–255 values;
 * - learning: Adam lr 0.001 (the paper's; at 0.002 smoke training diverged at iteration 108), β₁ 0.9 (the paper: 0.5),
 *   120 iterations, 1 synthesized clip per iteration;
 * - colours: chains stay inside the principal-axis box of the training clip's colours (without it, syntheses of grey
 *   smoke came out purple and green).
 */
export const DYNAMIC_TEXTURE_DEFAULTS: Readonly<DynamicTextureOptions> = Object.freeze({
  frames: 24,
  width: 64,
  height: 48,
  filters: 16,
  referenceSigma: 0.1,
  smoothness: 'fit',
  maxSmoothness: 200,
  steps: 20,
  stepSize: 0.03,
  initStd: 0.1,
  initMean: 'fit',
  iterations: 120,
  learningRate: 0.001,
  chains: 1,
  gradClip: 100,
  clamp: true,
  init: 'noise',
  zeroReadout: true,
  colours: 'fit',
});

/**
 * The `dynamic-texture` preset: E(x) = −Σ f(x; θ) + ‖x‖²/(2σ²) + ½Σ λ_a (x_q − x_p)² with f a fully convolutional
 * 3D (time × space) ConvNet, sampled by Langevin dynamics.
 * @param overrides any subset of {@link DynamicTextureOptions}; the rest from {@link DYNAMIC_TEXTURE_DEFAULTS}.
 */
export function dynamicTexturePreset(overrides: Partial<DynamicTextureOptions> = {}): VideoPreset {
  const o: DynamicTextureOptions = { ...DYNAMIC_TEXTURE_DEFAULTS, ...definedOnly(overrides) };
  const smoothness = typeof o.smoothness === 'string' ? { time: 0, space: 0 } : o.smoothness;
  const noise: NoiseInit = { kind: 'gaussian', mean: o.initMean === 'fit' ? 0 : o.initMean, std: o.initStd };
  const stiffness = smoothnessStiffness(smoothness) + 1 / (o.referenceSigma * o.referenceSigma);
  const delta = Math.min(o.stepSize, Math.sqrt(1 / stiffness));
  const clamp = o.clamp ? ([-1, 1] as [number, number]) : undefined;
  const gradClip = o.gradClip > 0 ? { gradClip: o.gradClip } : {};
  const samplerOptions = { steps: o.steps, stepSize: delta, ...(clamp ? { clamp } : {}), ...gradClip };
  return {
    name: 'dynamic-texture',
    frames: o.frames,
    width: o.width,
    height: o.height,
    sampler: { name: 'langevin', options: samplerOptions },
    noise,
    smoothness,
    zeroReadout: o.zeroReadout,
    colourConstraints(channels, positions) {
      return Array.isArray(o.colours) ? [colourBox(o.colours, channels, positions)] : [];
    },
    training: { iterations: o.iterations, learningRate: o.learningRate, beta1: 0.9, init: o.init, chains: o.chains },
    options: { ...o },
    network(channels, frames, height, width): NetworkSpec {
      const f = o.filters;
      return {
        kind: 'ebm-network',
        input: [channels, frames, height, width],
        referenceSigma: o.referenceSigma,
        readout: 'sum',
        layers: [
          { type: 'conv3d', outChannels: f, kernel: [3, 5, 5], stride: [1, 2, 2], padding: [1, 2, 2] },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv3d', outChannels: 2 * f, kernel: 3, stride: 2, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
          { type: 'conv3d', outChannels: 2 * f, kernel: 3, stride: 1, padding: 1 },
          { type: 'leakyRelu', alpha: 0.2 },
        ],
      };
    },
    createSampler(overrides = {}) {
      return new Langevin({ ...samplerOptions, ...definedOnly(overrides) });
    },
    createDescent(steps, stepSize) {
      // Default gradient coefficient 1/stiffness: the reference's stiffest mode relaxes in one step, none overshoots.
      const a = stepSize === undefined ? 1 / stiffness : 0.5 * stepSize * stepSize;
      return new Sgld({ steps, stepSize: a, noiseStd: 0, ...(clamp ? { clamp } : {}), ...gradClip });
    },
    fit(clips, mask) {
      if (typeof o.smoothness !== 'string' && o.initMean !== 'fit' && o.colours !== 'fit') return this;
      return dynamicTexturePreset({
        ...o,
        smoothness: typeof o.smoothness === 'string' ? fittedSmoothness(o.smoothness, clips, mask, o.maxSmoothness) : o.smoothness,
        initMean: o.initMean === 'fit' ? observedMean(clips, mask) : o.initMean,
        colours: o.colours === 'fit' ? colourSample(clips) : o.colours,
      });
    },
  };
}

/**
 * The reference's precisions for 'fit' (moments) or 'holdout' (λ_s by moments, λ_t/λ_s and λ_c/λ_s by held-out
 * prediction; when one exceeds maxLambda all three are scaled down together, which keeps the chosen ratios and so the
 * conditional mean).
 */
function fittedSmoothness(how: 'fit' | 'holdout', clips: readonly VideoTensor[], mask: VideoMask | undefined, maxLambda: number): SpaceTimeSmoothness {
  const moments = fitSmoothness(clips, mask, maxLambda);
  const ratios = how === 'holdout' && mask ? holdoutRatios(clips[0], mask) : undefined;
  if (!ratios) return moments;
  const raw = { space: moments.space, time: ratios.time * moments.space, curvature: ratios.curvature * moments.space };
  const scale = Math.min(1, maxLambda / Math.max(raw.space, raw.time, raw.curvature));
  return { space: raw.space * scale, time: raw.time * scale, curvature: raw.curvature * scale };
}

/** Up to 4096 colours of the clips at an even stride over their pixels, [C, K] flat, network units, 4 decimals. */
function colourSample(clips: readonly VideoTensor[]): number[] {
  const C = clips[0].channels;
  const per = clips.map((c) => c.frames * c.height * c.width);
  const total = per.reduce((a, b) => a + b, 0);
  const stride = Math.max(1, Math.ceil(total / 4096));
  const picked: number[][] = Array.from({ length: C }, () => []);
  clips.forEach((clip, k) => {
    for (let i = 0; i < per[k]; i += stride) for (let c = 0; c < C; c++) picked[c].push(Math.round((2 * clip.data[c * per[k] + i] - 1) * 1e4) / 1e4);
  });
  return picked.flat();
}
