import type { NetworkSpec } from './NetworkSpec.js';

/**
 * The four benchmark networks of shared/BENCHMARKS.md, with the batch each is timed at.
 * E(x) = −(sum of the last layer's outputs); every conv has a bias.
 */
export const BENCH_NETS: Record<'texture' | 'shortrun32' | 'video' | 'voxel', { spec: NetworkSpec; batch: number }> = {
  texture: {
    batch: 8,
    spec: {
      input: [3, 128, 128],
      layers: [
        { type: 'conv2d', outChannels: 64, kernel: 5, stride: 2, padding: 2 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 128, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 256, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
      ],
    },
  },
  shortrun32: {
    batch: 64,
    spec: {
      input: [3, 32, 32],
      layers: [
        { type: 'conv2d', outChannels: 64, kernel: 3, stride: 1, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 128, kernel: 4, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 256, kernel: 4, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 512, kernel: 4, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 1, kernel: 4, stride: 1, padding: 0 },
      ],
    },
  },
  video: {
    batch: 4,
    spec: {
      input: [3, 16, 64, 64],
      layers: [
        { type: 'conv3d', outChannels: 32, kernel: [3, 5, 5], stride: [1, 2, 2], padding: [1, 2, 2] },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv3d', outChannels: 64, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv3d', outChannels: 128, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
      ],
    },
  },
  voxel: {
    batch: 20,
    spec: {
      input: [1, 32, 32, 32],
      layers: [
        { type: 'conv3d', outChannels: 200, kernel: 16, stride: 3, padding: 0 },
        { type: 'relu' },
        { type: 'conv3d', outChannels: 100, kernel: 6, stride: 2, padding: 0 },
        { type: 'relu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 1 },
      ],
    },
  },
};

/** Names of the benchmark networks. */
export type BenchNetName = keyof typeof BENCH_NETS;
