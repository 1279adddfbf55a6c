import { describe, expect, it } from 'vitest';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { ClassifierEnergy } from '../classifier/ClassifierEnergy.js';
import { checkClassifierGradients } from '../testing/classifierGradientCheck.js';
import { formatGradientFailure } from '../testing/GradientExpectations.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/**
 * The class-conditional energy E(x, y) = −f(x)[y] ('classInputGrad' graph): E, the logits and dE(x, y)/dx against
 * central finite differences of the float64 reference; and E(x) = −log Σ_y exp(−E(x, y)) exactly.
 */

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  { label: 'linear head, 5 classes', spec: { input: [7], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 5 }] }, batch: 4 },
  {
    label: 'conv2d → softplus → flatten → linear(10), reference Gaussian',
    spec: {
      input: [2, 6, 6],
      readout: 'logsumexp',
      referenceSigma: 2,
      layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 }, { type: 'softplus' }, { type: 'flatten' }, { type: 'linear', outFeatures: 10 }],
    },
    batch: 3,
  },
];

describe('class-conditional energy vs float64 finite differences', () => {
  CASES.forEach((c, i) => {
    it(c.label, async () => {
      const r = await checkClassifierGradients(c.spec, c.batch, 800 + i, 'classInputGrad', 150);
      const msg = formatGradientFailure(c.label, c.spec, c.batch, 800 + i, r);
      expect(r.checked, msg).toBeGreaterThan(c.batch);
      expect(r.mismatches, msg).toEqual([]);
    });
  });

  it('E(x) = −log Σ_y exp(−E(x, y)) and dE(x)/dx = Σ_y p(y|x) dE(x, y)/dx', async () => {
    const spec = CASES[1].spec;
    const model = await EnergyModel.create(spec, { seed: 3, threads: 1 });
    const clf = new ClassifierEnergy(model);
    try {
      const x = new Float32Array(72).map((_, i) => Math.sin(i * 0.7));
      const perClass = await Promise.all(Array.from({ length: 10 }, (_, y) => clf.classEnergyAndGrad(x, [y])));
      const { energy, grad } = await model.energyAndGrad(x);
      const lse = Math.log(perClass.reduce((s, r) => s + Math.exp(-r.energy[0]), 0));
      // The reference Gaussian is in both: E(x) − q = −log Σ exp(−(E(x, y) − q)).
      const q = x.reduce((s, v) => s + v * v, 0) / 8;
      expect(energy[0] - q).toBeCloseTo(-Math.log(perClass.reduce((s, r) => s + Math.exp(-(r.energy[0] - q)), 0)), 4);
      expect(Number.isFinite(lse)).toBe(true);
      const p = perClass.map((r) => Math.exp(-(r.energy[0] - q) + (energy[0] - q)));
      let worst = 0;
      for (let i = 0; i < x.length; i++) {
        const mix = perClass.reduce((s, r, y) => s + p[y] * r.grad[i], 0);
        worst = Math.max(worst, Math.abs(mix - grad[i]));
      }
      expect(worst).toBeLessThan(1e-4);
    } finally {
      await clf.dispose();
      await model.dispose();
    }
  });

  it('refuses a label outside 0…K−1', async () => {
    const model = await EnergyModel.create(CASES[0].spec, { threads: 1 });
    const clf = new ClassifierEnergy(model);
    expect(() => clf.oneHot([0, 5])).toThrow('label 5 of sample 1 is not a class 0…4');
    await model.dispose();
  });
});
