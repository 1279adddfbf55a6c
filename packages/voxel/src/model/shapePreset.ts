import { Langevin, Sgld, type NetworkSpec, type Sampler } from '@ebm/core';

/** Options of the `shape` preset; every field has the default documented on it. */
export interface ShapePresetOptions {
  /** Grid side R (R³ voxels); 32 (default) or 64, or any multiple of 16 up to 256. */
  resolution?: number;
  /** Filters of the three conv layers; default [32, 64, 64]. */
  channels?: [number, number, number];
  /** Langevin steps per training iteration and per synthesis; default 20 (the paper's). */
  steps?: number;
  /** Langevin step size δ in occupancy units; default 0.1 (the paper's). */
  stepSize?: number;
  /** σ of the reference Gaussian N(0, σ²) on the mean-centred grid; default 0.5 (the paper's `refsig`). */
  sigma?: number;
  /** Adam learning rate; default 0.01 (the paper's). */
  learningRate?: number;
  /** Adam β₁; default 0.5 (the paper's). */
  beta1?: number;
  /**
   * Standard deviation of the initial weights, N(0, initStd²) with zero biases (the paper's 0.001); 0 draws He
   * (Kaiming normal) weights instead.
   */
  initStd?: number;
  /**
   * α of the energy-magnitude penalty α·(E(data)² + E(samples)²) added to the training loss; default 1e-5, 0 = none.
   * Without it, solid shapes (boxes, spheres, cylinders) diverged at the paper's learning rate within 10 iterations
   * (energies growing from 10⁴ to 10⁷), with the paper's small initialisation and with gradient clipping alike; with
   * it, they train at 0.01. Training settles near |E| ≈ 1/(2α), so a larger α stalls learning early: at 1e-4 lamps
   * never formed (synthesis IoU 0.02), at 1e-5 they did (0.65).
   */
  energyPenalty?: number;
  /** Clip the parameter gradient to this L2 norm before Adam; 0 = no clipping. */
  maxGradNorm?: number;
  /** Training iterations when none are given; default 200. */
  iterations?: number;
  /** Persistent synthesis chains (samples per iteration); default 8. */
  chains?: number;
  /**
   * Recovery: noise-free Langevin steps and step size; defaults 30 and 0.04. The paper's recovery runs 90 steps of
   * 0.07; on our CPU-trained models that overshoots (more wrong voxels than the fill baseline it starts from), while
   * 30 × 0.04, chosen on training shapes, beat it on held-out ones.
   */
  recoverySteps?: number;
  recoveryStepSize?: number;
  /**
   * Super-resolution: noise-free Langevin steps and step size; defaults 10 and 0.07 (chosen on training shapes by
   * the quality script for every class it ran: 90 steps lost to trilinear upsampling on tables).
   */
  superResolutionSteps?: number;
  superResolutionStepSize?: number;
}

/** A resolved `shape` preset: every option filled in (plain JSON, stored in model files). */
export type ShapePreset = Required<ShapePresetOptions>;

/**
 * The `shape` preset: the 3D descriptor net of Xie et al. (CVPR 2018), sized for a CPU.
 *
 * The paper's net (jianwen-xie/3DDescriptorNet) is conv 200 × 16³ stride 3 → ReLU → conv 100 × 6³ stride 2 → ReLU →
 * a fully connected readout, with Langevin δ = 0.1, σ = 0.5, 20 steps, persistent chains, Adam (0.01, β₁ 0.5), on
 * grids with the mean occupancy subtracted. On this 2-core CPU one Langevin step of that net on 8 grids at 32³ took
 * 5.3 s, so the preset keeps the form (large strided first filters, ReLU, one linear readout over the last map) at a
 * tenth of the cost: conv 32 × 8³ stride 2 → ReLU → conv 64 × 4³ stride 2 → ReLU → conv 64 × 4³ stride 2 → ReLU →
 * linear, on a 4³ last map at either resolution (64³ grids take stride 4 in the first layer). The Langevin settings
 * are the paper's.
 */
export function shapePreset(options: ShapePresetOptions = {}): ShapePreset {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ShapePresetOptions;
  const p: ShapePreset = {
    resolution: 32,
    channels: [32, 64, 64],
    steps: 20,
    stepSize: 0.1,
    sigma: 0.5,
    learningRate: 0.01,
    beta1: 0.5,
    initStd: 0,
    energyPenalty: 1e-5,
    maxGradNorm: 0,
    iterations: 200,
    chains: 8,
    recoverySteps: 30,
    recoveryStepSize: 0.04,
    superResolutionSteps: 10,
    superResolutionStepSize: 0.07,
    ...defined,
  };
  if (!Number.isInteger(p.resolution) || p.resolution < 16 || p.resolution % 16 !== 0 || p.resolution > 256) {
    throw new RangeError(`resolution ${p.resolution} must be a multiple of 16 from 16 to 256 (32 or 64 for the paper's sizes)`);
  }
  return p;
}

/**
 * The preset's energy network for grids [1, R, R, R] (mean-centred occupancy), with the reference Gaussian inside:
 * E(x) = −readout(x) + ‖x‖²/(2σ²).
 */
export function shapeNetwork(p: ShapePreset): NetworkSpec {
  const R = p.resolution;
  // The first layer brings any resolution to 16³ (stride R/16), then two stride-2 layers to 4³.
  const stride = R / 16;
  const kernel = stride === 1 ? 5 : 8;
  const first = { type: 'conv3d' as const, outChannels: p.channels[0], kernel, stride, padding: Math.ceil((15 * stride + kernel - R) / 2) };
  return {
    input: [1, R, R, R],
    layers: [
      first,
      { type: 'relu' },
      { type: 'conv3d', outChannels: p.channels[1], kernel: 4, stride: 2, padding: 1 },
      { type: 'relu' },
      { type: 'conv3d', outChannels: p.channels[2], kernel: 4, stride: 2, padding: 1 },
      { type: 'relu' },
      { type: 'flatten' },
      { type: 'linear', outFeatures: 1 },
    ],
    readout: 'sum',
    referenceSigma: p.sigma,
  };
}

/** The preset's Langevin sampler (Xie et al.'s form; the reference term is in the network). */
export function shapeSampler(p: ShapePreset, overrides: { steps?: number; stepSize?: number } = {}): Sampler {
  return new Langevin({ steps: overrides.steps ?? p.steps, stepSize: overrides.stepSize ?? p.stepSize });
}

/**
 * Noise-free Langevin, x ← x − ½δ²·∂E/∂x: the paper's recovery and super-resolution dynamics (rec_exp.py, sr_exp.py
 * run Langevin without the noise term), as core's SGLD with zero noise.
 */
export function shapeDescent(p: ShapePreset, overrides: { steps?: number; stepSize?: number } = {}): Sampler {
  const delta = overrides.stepSize ?? p.recoveryStepSize;
  return new Sgld({ steps: overrides.steps ?? p.recoverySteps, stepSize: 0.5 * delta * delta, noiseStd: 0 });
}
