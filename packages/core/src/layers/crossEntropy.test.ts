import { describe, expect, it } from 'vitest';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { ClassifierEnergy } from '../classifier/ClassifierEnergy.js';
import { checkClassifierGradients } from '../testing/classifierGradientCheck.js';
import { formatGradientFailure } from '../testing/GradientExpectations.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/**
 * The parameter gradient of the cross-entropy ('crossEntropyGrad' graph, JEM's hybrid objective in one pass):
 * E(x), CE, the logits and Σₙ (wₙ ∂Eₙ/∂θ + ∂CEₙ/∂θ) against central finite differences of the float64 reference.
 */

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  { label: 'linear head, 3 classes', spec: { input: [4], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 3 }] }, batch: 4 },
  {
    label: 'conv2d → leakyRelu → conv2d → silu → flatten → linear(10)',
    spec: {
      input: [1, 7, 7],
      readout: 'logsumexp',
      layers: [
        { type: 'conv2d', outChannels: 3, kernel: 3, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 4, kernel: 3, stride: 2 },
        { type: 'silu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 10 },
      ],
    },
    batch: 4,
  },
  {
    label: 'linear → elu → linear(6, no bias), batch 1',
    spec: { input: [5], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 4 }, { type: 'elu' }, { type: 'linear', outFeatures: 6, bias: false }] },
    batch: 1,
  },
];

describe('cross-entropy gradient vs float64 finite differences', () => {
  CASES.forEach((c, i) => {
    it(c.label, async () => {
      const r = await checkClassifierGradients(c.spec, c.batch, 900 + i, 'crossEntropyGrad', 150);
      const msg = formatGradientFailure(c.label, c.spec, c.batch, 900 + i, r);
      expect(r.checked, msg).toBeGreaterThan(c.batch);
      expect(r.mismatches, msg).toEqual([]);
    });
  });

  it('CE = E(x, y) − E(x) = −log softmax(f)_y, and with w = 0 its gradient is paramGrad-free', async () => {
    const model = await EnergyModel.create(CASES[0].spec, { seed: 5, threads: 1 });
    const clf = new ClassifierEnergy(model);
    try {
      const x = new Float32Array([0.3, -1, 2, 0.5, 1, 1, -0.2, 0]);
      const labels = [2, 0];
      const res = await clf.crossEntropyGrad(x, new Float32Array(2), clf.oneHot(labels));
      for (let n = 0; n < 2; n++) {
        const f = res.logits.subarray(n * 3, n * 3 + 3);
        const lse = Math.log(f.reduce((s, v) => s + Math.exp(v), 0));
        expect(res.crossEntropy[n]).toBeCloseTo(lse - f[labels[n]], 5);
        expect(res.energy[n]).toBeCloseTo(-lse, 5);
        const { energy: eXY } = await clf.classEnergyAndGrad(x.subarray(n * 4, n * 4 + 4), [labels[n]]);
        expect(res.crossEntropy[n]).toBeCloseTo(eXY[0] - res.energy[n], 5);
      }
      // With zero targets and w = −1 the graph is −Σ ∂E/∂θ, the model's own paramGrad.
      const w = new Float32Array([-1, -1]);
      const mixed = await clf.crossEntropyGrad(x, w, new Float32Array(6));
      const plain = await model.paramGrad(x, w);
      let worst = 0;
      for (let i = 0; i < plain.grad.length; i++) worst = Math.max(worst, Math.abs(mixed.grad[i] - plain.grad[i]));
      expect(worst).toBeLessThan(1e-6);
      expect(mixed.crossEntropy.every((v) => v === 0)).toBe(true);
    } finally {
      await clf.dispose();
      await model.dispose();
    }
  });
});
