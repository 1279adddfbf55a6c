import { describe, expect, it } from 'vitest';
import { GradientExpectations } from '../testing/GradientExpectations.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** The linear rule (Gemm forward, MatMul/Gemm backward) against central finite differences of the float64 reference. */

const SAMPLES = 150;
const grads = new GradientExpectations(SAMPLES);

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  { label: 'linear on a flat input, one output', spec: { input: [7], layers: [{ type: 'linear', outFeatures: 1 }] }, batch: 3 },
  {
    label: 'linear → tanh → linear (no bias) on a flat input',
    spec: { input: [5], layers: [{ type: 'linear', outFeatures: 4, inFeatures: 5 }, { type: 'tanh' }, { type: 'linear', outFeatures: 3, bias: false }, { type: 'softplus' }] },
    batch: 2,
  },
  {
    label: 'conv2d → relu → flatten → linear(1), the voxel-net tail in 2D',
    spec: {
      input: [2, 7, 7],
      layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 2 }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', outFeatures: 1 }],
    },
    batch: 3,
  },
  {
    label: 'conv3d → silu → flatten → linear(4, no bias) → elu, mean readout',
    spec: {
      input: [1, 3, 5, 5],
      readout: 'mean',
      layers: [
        { type: 'conv3d', outChannels: 2, kernel: [2, 3, 3], stride: [1, 2, 2], padding: [0, 1, 1] },
        { type: 'silu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 4, bias: false },
        { type: 'elu', alpha: 0.7 },
      ],
    },
    batch: 2,
  },
  {
    label: 'two linears after flatten, with the reference Gaussian',
    spec: {
      input: [2, 3, 3],
      referenceSigma: 1.5,
      layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 6, inFeatures: 18 }, { type: 'leakyRelu', alpha: 0.1 }, { type: 'linear', outFeatures: 2 }],
    },
    batch: 3,
  },
  { label: 'linear, batch 1', spec: { input: [4], layers: [{ type: 'linear', outFeatures: 2 }, { type: 'tanh' }] }, batch: 1 },
];

describe('linear rule vs float64 finite differences', () => {
  CASES.forEach((c, i) => {
    it(c.label, async () => {
      await grads.expectMatch(c.label, c.spec, c.batch, 200 + i);
    });
  });

  it('reports the largest scaled error', () => {
    console.log(`linear: largest scaled error ${grads.worst.toFixed(4)}`);
    expect(grads.worst).toBeGreaterThan(0);
  });
});
