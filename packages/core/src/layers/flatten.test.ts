import { describe, expect, it } from 'vitest';
import { GradientExpectations } from '../testing/GradientExpectations.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';

/**
 * Flatten: [C, ...spatial] → [C·∏spatial] in NCHW order. Against finite differences (a linear after it makes the
 * order matter), plus a direct check that the flat order is C-major: a linear whose weight picks one entry.
 */

const SAMPLES = 150;
const grads = new GradientExpectations(SAMPLES);

describe('flatten rule', () => {
  it('resolves [C, ...spatial] to one flat size and declares no parameters', () => {
    const net = resolveNetwork({ input: [3, 4, 5, 2], layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 2 }] });
    expect(net.layers[0].outShape).toEqual([120]);
    expect(net.layers[0].params).toEqual([]);
    expect(net.params.map((p) => p.shape)).toEqual([[2, 120], [2]]);
  });

  it('flattens in NCHW order, per sample', async () => {
    // E = −(W·flat(x) + b) with W = e_k picks flat entry k of each sample.
    const shape = [2, 3, 4];
    const D = 24;
    const k = 1 * 12 + 2 * 4 + 3; // channel 1, row 2, column 3
    const theta = new Float32Array(D + 1);
    theta[k] = 1;
    const model = await EnergyModel.create({ input: shape, layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 1 }] }, { theta, threads: 1 });
    try {
      const x = Float32Array.from({ length: 2 * D }, (_, i) => i + 0.5);
      const { energy, grad } = await model.energyAndGrad(x);
      expect(Array.from(energy)).toEqual([-(k + 0.5), -(D + k + 0.5)]);
      const expected = new Float32Array(2 * D);
      expected[k] = -1;
      expected[D + k] = -1;
      expect(Array.from(grad)).toEqual(Array.from(expected));
    } finally {
      await model.dispose();
    }
  });

  const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
    {
      label: 'conv2d → flatten → linear → tanh',
      spec: { input: [2, 5, 3], layers: [{ type: 'conv2d', outChannels: 3, kernel: 2 }, { type: 'flatten' }, { type: 'linear', outFeatures: 3 }, { type: 'tanh' }] },
      batch: 3,
    },
    {
      label: 'conv3d → tanh → flatten → linear, per-axis stride',
      spec: {
        input: [2, 3, 5, 4],
        layers: [{ type: 'conv3d', outChannels: 2, kernel: [1, 3, 2], stride: [1, 2, 2], padding: [0, 1, 0] }, { type: 'tanh' }, { type: 'flatten' }, { type: 'linear', outFeatures: 2 }],
      },
      batch: 2,
    },
    {
      label: 'flatten as the last layer (sum readout of the flat conv output), mean readout',
      spec: { input: [1, 5, 5], readout: 'mean', layers: [{ type: 'conv2d', outChannels: 2, kernel: 3, padding: 1 }, { type: 'softplus' }, { type: 'flatten' }] },
      batch: 2,
    },
    {
      label: 'flatten first, then linear with the reference Gaussian',
      spec: { input: [3, 2, 2], referenceSigma: 0.5, layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 3 }, { type: 'silu' }] },
      batch: 3,
    },
  ];

  CASES.forEach((c, i) => {
    it(`${c.label} vs float64 finite differences`, async () => {
      await grads.expectMatch(c.label, c.spec, c.batch, 300 + i);
    });
  });

  it('reports the largest scaled error', () => {
    console.log(`flatten: largest scaled error ${grads.worst.toFixed(4)}`);
    expect(grads.worst).toBeGreaterThan(0);
  });
});
