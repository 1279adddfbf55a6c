import { describe, expect, it } from 'vitest';
import { Mala } from './Mala.js';
import { rotatedGaussian } from './testing/gaussianTarget.js';
import { describeGaussianRun, expectGaussianMatch, runOnGaussian } from './testing/gaussianRun.js';
import { describeMixtureRun, expectMixtureMatch, runOnMixture } from './testing/mixtureRun.js';

describe('Mala', () => {
  it('samples a correlated 2-D Gaussian (condition number 20, random rotation)', async () => {
    const target = rotatedGaussian(2, 20, 3);
    const mala = new Mala({ steps: 0, stepSize: 0.3 });
    const r = await runOnGaussian(mala, target, { chains: 200, burn: 200, keep: 2000, thin: 2, seed: 1 });
    console.log(describeGaussianRun('MALA dim 2', r));
    expectGaussianMatch('MALA dim 2', r);
    expect(r.acceptMean).toBeGreaterThan(0.5);
  });

  it('samples a 100-D Gaussian with condition number 100 under a random rotation', async () => {
    const target = rotatedGaussian(100, 100, 7);
    // δ ≈ 1.2·σmin: acceptance near the optimal 0.574; the slowest direction relaxes in λmax/(δ²/2) ≈ 140 steps
    const mala = new Mala({ steps: 0, stepSize: 0.12 });
    const r = await runOnGaussian(mala, target, { chains: 50, burn: 800, keep: 2000, thin: 5, seed: 1 });
    console.log(describeGaussianRun('MALA dim 100', r));
    expectGaussianMatch('MALA dim 100', r);
    expect(r.acceptMean).toBeGreaterThan(0.4);
  });

  it('puts the right mass in each mode of a 0.3/0.7 Gaussian mixture', async () => {
    const mala = new Mala({ steps: 0, stepSize: 1.2 });
    const r = await runOnMixture(mala, { chains: 400, burn: 200, keep: 2000, seed: 2 });
    console.log(describeMixtureRun('MALA mixture', r));
    expectMixtureMatch('MALA mixture', r);
  });
});
