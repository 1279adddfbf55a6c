import { describe, expect, it } from 'vitest';
import { GradientExpectations } from '../testing/GradientExpectations.js';
import type { ActivationSpec, NetworkSpec } from '../spec/NetworkSpec.js';
import { activationAlpha, scalarActivation } from './activation.js';
import { EnergyModel } from '../runtime/EnergyModel.js';

/**
 * Note on geometry: no conv here has an output whose window lies wholly in the padding. Biases start at 0, so
 * such an output is exactly 0, the kink of relu / leakyRelu / elu (α ≠ 1), where a central difference gives the
 * mean of the one-sided slopes while the engine (like PyTorch) takes the left one (0, α, α).
 *
 * Each activation after a small conv (and before a second one, so its backward rule also feeds dE/dθ of the
 * first conv), against central finite differences of the float64 reference forward. Also the 'mean' readout and
 * the reference Gaussian term.
 */

const SAMPLES = 120;
const grads = new GradientExpectations(SAMPLES);

const ACTIVATIONS: ActivationSpec[] = [
  { type: 'relu' },
  { type: 'leakyRelu' },
  { type: 'leakyRelu', alpha: 0.05 },
  { type: 'leakyRelu', alpha: 0 },
  { type: 'silu' },
  { type: 'elu' },
  { type: 'elu', alpha: 0.5 },
  { type: 'elu', alpha: 2.5 },
  { type: 'softplus' },
  { type: 'tanh' },
];

const name = (a: ActivationSpec) => (a.alpha === undefined ? a.type : `${a.type}(α=${a.alpha})`);

describe('leakyRelu derivative at the extremes of float32', () => {
  it('is exactly 1 for every positive normal input (tiny or huge) and exactly α for zero and negative ones', async () => {
    // E(x) = −Σ leakyRelu(x), so dE/dx = −y'(x).
    const x = new Float32Array([-3e38, -1, -1e-30, -0, 0, 1.2e-38, 1e-30, 1e-3, 1, 3.4e38]);
    const model = await EnergyModel.create({ input: [1, 1, x.length], layers: [{ type: 'leakyRelu', alpha: 0.3 }] }, { seed: 0, threads: 1 });
    try {
      const { grad } = await model.energyAndGrad(x);
      expect(Array.from(grad)).toEqual([-0.3, -0.3, -0.3, -0.3, -0.3, -1, -1, -1, -1, -1].map(Math.fround));
    } finally {
      await model.dispose();
    }
  });
});

describe('activation rules vs float64 finite differences', () => {
  it('scalar references match their definitions (and the documented default α)', () => {
    expect(activationAlpha({ type: 'leakyRelu' })).toBe(0.2);
    expect(activationAlpha({ type: 'elu' })).toBe(1);
    expect(scalarActivation('leakyRelu', 0.2)(-2)).toBeCloseTo(-0.4, 15);
    expect(scalarActivation('elu', 2)(-1)).toBeCloseTo(2 * (Math.exp(-1) - 1), 15);
    expect(scalarActivation('softplus', 1)(0.3)).toBeCloseTo(Math.log(1 + Math.exp(0.3)), 15);
    expect(scalarActivation('softplus', 1)(30)).toBeCloseTo(30, 12);
    expect(scalarActivation('silu', 1)(1.5)).toBeCloseTo(1.5 / (1 + Math.exp(-1.5)), 15);
    expect(scalarActivation('relu', 1)(-0.5)).toBe(0);
  });

  ACTIVATIONS.forEach((act, i) => {
    for (const rank of [2, 3] as const) {
      const spec: NetworkSpec =
        rank === 2
          ? {
              input: [2, 7, 5],
              layers: [
                { type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 },
                act,
                { type: 'conv2d', outChannels: 2, kernel: 2 },
                { type: 'tanh' },
              ],
            }
          : {
              input: [1, 5, 5, 3],
              layers: [{ type: 'conv3d', outChannels: 3, kernel: [3, 3, 2], padding: [1, 0, 1] }, act, { type: 'conv3d', outChannels: 2, kernel: 2 }, { type: 'tanh' }],
            };
      it(`${name(act)} after a conv${rank}d`, async () => {
        await grads.expectMatch(`${name(act)} ${rank}D`, spec, 3, 30 + i);
      });
    }
    // As the top layer, read out directly: dE/d(pre-activation) is then −act′(z), the derivative rule alone.
    it(`${name(act)} as the top layer, mean readout`, async () => {
      const spec: NetworkSpec = { input: [2, 6, 6], readout: 'mean', layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 1, padding: 1 }, act] };
      await grads.expectMatch(`${name(act)} top`, spec, 2, 60 + i);
    });
  });

  it('mean readout with the reference Gaussian (σ = 0.7)', async () => {
    const spec: NetworkSpec = {
      input: [2, 5, 5],
      readout: 'mean',
      referenceSigma: 0.7,
      layers: [{ type: 'conv2d', outChannels: 4, kernel: 3, stride: 2, padding: 1 }, { type: 'silu' }, { type: 'conv2d', outChannels: 1, kernel: 3 }],
    };
    await grads.expectMatch('mean + σ', spec, 3, 90);
  });

  it('sum readout with the reference Gaussian (σ = 3) on a 3D net', async () => {
    const spec: NetworkSpec = {
      input: [1, 3, 5, 5],
      referenceSigma: 3,
      layers: [{ type: 'conv3d', outChannels: 2, kernel: 3, stride: [1, 2, 2], padding: 1 }, { type: 'softplus' }],
    };
    await grads.expectMatch('sum + σ 3D', spec, 2, 91);
  });

  // At z = 0 exactly the engine takes the documented y' = [y > 0] convention: the left slope for relu, leakyRelu
  // and elu (α ≠ 1), the ordinary derivative for the smooth ones. E = −act(W·x + b) with W·x + b = 0 exactly.
  const KINK: [ActivationSpec, number][] = [
    [{ type: 'relu' }, 0],
    [{ type: 'leakyRelu', alpha: 0.3 }, 0.3],
    [{ type: 'elu', alpha: 0.5 }, 0.5],
    [{ type: 'elu' }, 1],
    [{ type: 'softplus' }, 0.5],
    [{ type: 'silu' }, 0.5],
    [{ type: 'tanh' }, 1],
  ];
  for (const [act, slope] of KINK) {
    it(`${name(act)}: derivative ${slope} at exactly z = 0`, async () => {
      const theta = Float32Array.from([1, -0.5, 0]);
      const model = await EnergyModel.create({ input: [2], layers: [{ type: 'linear', outFeatures: 1 }, act] }, { theta, threads: 1 });
      try {
        const { energy, grad } = await model.energyAndGrad(Float32Array.from([1, 2]));
        expect(energy[0]).toBeCloseTo(act.type === 'softplus' ? -Math.LN2 : 0, 6);
        expect(grad[0]).toBeCloseTo(-slope * 1, 6);
        expect(grad[1]).toBeCloseTo(-slope * -0.5, 6);
      } finally {
        await model.dispose();
      }
    });
  }

  it('reports the largest scaled error', () => {
    console.log(`activation: largest scaled error ${grads.worst.toFixed(4)}`);
    expect(grads.worst).toBeGreaterThan(0);
  });
});
