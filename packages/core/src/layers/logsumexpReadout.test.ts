import { describe, expect, it } from 'vitest';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { ClassifierEnergy } from '../classifier/ClassifierEnergy.js';
import { GradientExpectations } from '../testing/GradientExpectations.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';
import { SpecError } from '../spec/SpecError.js';

/**
 * The logsumexp readout E(x) = −logsumexp_k f(x)[k] of a K-output head: E, dE/dx and Σ wₙ dEₙ/dθ against central
 * finite differences of the float64 reference, plus values a reader can check by hand and its stability.
 */

const grads = new GradientExpectations(150);

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  { label: 'linear head, 4 classes', spec: { input: [6], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 4 }] }, batch: 3 },
  {
    label: 'conv2d → silu → conv2d (stride 2) → leakyRelu → flatten → linear(10), the JEM digit net in small',
    spec: {
      input: [1, 8, 8],
      readout: 'logsumexp',
      layers: [
        { type: 'conv2d', outChannels: 3, kernel: 3, padding: 1 },
        { type: 'silu' },
        { type: 'conv2d', outChannels: 4, kernel: 4, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 10 },
      ],
    },
    batch: 3,
  },
  {
    label: 'linear → tanh → linear(3), with the reference Gaussian',
    spec: { input: [5], readout: 'logsumexp', referenceSigma: 1.3, layers: [{ type: 'linear', outFeatures: 4 }, { type: 'tanh' }, { type: 'linear', outFeatures: 3 }] },
    batch: 2,
  },
  { label: 'one class (E = −f)', spec: { input: [3], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 1 }] }, batch: 2 },
];

describe('logsumexp readout vs float64 finite differences', () => {
  CASES.forEach((c, i) => {
    it(c.label, async () => {
      await grads.expectMatch(c.label, c.spec, c.batch, 700 + i);
    });
  });

  it('reports the largest scaled error', () => {
    console.log(`logsumexp readout: largest scaled error ${grads.worst.toFixed(4)}`);
    expect(grads.worst).toBeGreaterThan(0);
  });
});

describe('logsumexp readout', () => {
  it('gives −log Σ exp f by hand, the logits, and no overflow at logits of ±1000', async () => {
    // f = W x with W = [[1], [2], [0]]: x = 1 gives f = (1, 2, 0), E = −log(e + e² + 1).
    const spec: NetworkSpec = { input: [1], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 3, bias: false }] };
    const model = await EnergyModel.create(spec, { theta: new Float32Array([1, 2, 0]), threads: 1 });
    const clf = new ClassifierEnergy(model);
    try {
      const x = new Float32Array([1, 500, -500]);
      const { energy, logits } = await clf.logits(x);
      expect(energy[0]).toBeCloseTo(-Math.log(Math.E + Math.E ** 2 + 1), 5);
      expect(Array.from(logits.subarray(0, 3))).toEqual([1, 2, 0]);
      // x = 500: f = (500, 1000, 0), E = −1000 − log(1 + e^−500 + e^−1000); x = −500: f = (−500, −1000, 0), E ≈ 0.
      expect(energy[1]).toBeCloseTo(-1000, 3);
      expect(energy[2]).toBeCloseTo(0, 5);
      const { grad } = await model.energyAndGrad(x);
      // dE/dx = −Σ softmax_k W_k: at x = 500 softmax ≈ (0, 1, 0), so −2.
      expect(grad[1]).toBeCloseTo(-2, 5);
      expect(grad.every(Number.isFinite)).toBe(true);
    } finally {
      await clf.dispose();
      await model.dispose();
    }
  });

  it('refuses a spatial last layer and classifier graphs of a sum readout, naming the fix', async () => {
    expect(() => resolveNetwork({ input: [1, 4, 4], readout: 'logsumexp', layers: [{ type: 'conv2d', outChannels: 2, kernel: 3 }] })).toThrow(
      /readout "logsumexp" reads K logits, but the last layer gives shape \[2,2,2\]; end with \{ "type": "flatten" \} and a linear layer/,
    );
    expect(() => resolveNetwork({ input: [3], readout: 'max' as never, layers: [{ type: 'linear', outFeatures: 2 }] })).toThrow(SpecError);
    const model = await EnergyModel.create({ input: [3], layers: [{ type: 'linear', outFeatures: 2 }] }, { threads: 1 });
    expect(() => new ClassifierEnergy(model)).toThrow(/needs "readout": "logsumexp"/);
    await model.dispose();
  });
});
