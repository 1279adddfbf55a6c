import { describe, expect, it } from 'vitest';
import { Hmc } from './Hmc.js';
import { rotatedGaussian } from './testing/gaussianTarget.js';
import { describeGaussianRun, expectGaussianMatch, runOnGaussian } from './testing/gaussianRun.js';
import { describeMixtureRun, expectMixtureMatch, runOnMixture } from './testing/mixtureRun.js';

describe('Hmc', () => {
  it('samples a correlated 2-D Gaussian (condition number 20, random rotation)', async () => {
    const target = rotatedGaussian(2, 20, 3);
    const hmc = new Hmc({ steps: 0, stepSize: 0.15, leapfrogSteps: 10, jitter: 0.2 });
    const r = await runOnGaussian(hmc, target, { chains: 200, burn: 20, keep: 300, thin: 1, seed: 1 });
    console.log(describeGaussianRun('HMC dim 2', r));
    expectGaussianMatch('HMC dim 2', r);
    expect(r.acceptMean).toBeGreaterThan(0.5);
  });

  it('samples a 100-D Gaussian with condition number 100 under a random rotation', async () => {
    const target = rotatedGaussian(100, 100, 7);
    // ε below the stability limit 2·σmin = 0.2; ε·L ≈ 1.6 ≈ (π/2)·σmax; jitter breaks periodic trajectories
    const hmc = new Hmc({ steps: 0, stepSize: 0.1, leapfrogSteps: 16, jitter: 0.2 });
    const r = await runOnGaussian(hmc, target, { chains: 50, burn: 30, keep: 200, thin: 2, seed: 1 });
    console.log(describeGaussianRun('HMC dim 100', r));
    expectGaussianMatch('HMC dim 100', r);
    expect(r.acceptMean).toBeGreaterThan(0.5);
  });

  it('puts the right mass in each mode of a 0.3/0.7 Gaussian mixture', async () => {
    const hmc = new Hmc({ steps: 0, stepSize: 0.3, leapfrogSteps: 10, jitter: 0.2 });
    const r = await runOnMixture(hmc, { chains: 400, burn: 100, keep: 400, seed: 2 });
    console.log(describeMixtureRun('HMC mixture', r));
    expectMixtureMatch('HMC mixture', r);
  });
});
