import { describe, expect, it } from 'vitest';
import { learnFromIncomplete } from './learnFromIncomplete.js';
import { RecoveryError } from './RecoveryError.js';
import { GaussianFamily, gaussianData } from '../train/testing/GaussianFamily.js';
import { McmcMle } from '../train/McmcMle.js';
import { Hmc } from '../samplers/Hmc.js';
import { Langevin } from '../samplers/Langevin.js';
import { Adam } from '../optim/Adam.js';
import { Rng } from '../random/Rng.js';

/**
 * Stochastic EM on a known answer: draws of N(μ, diag σ²) with half of their entries missing at random. The Gaussian
 * family learned from the observed entries alone, the missing ones recovered under the current model every
 * iteration, must find μ and σ; learning from the same data with the missing entries left at their start (zero)
 * must not (the negative control: its μ shrinks toward 0 and its σ toward the spread of a half-zero sample).
 */

const MU = [1.5, -0.5, 0.3, -1];
const SD = [0.5, 1.2, 0.8, 0.3];
const N = 1024;

function incomplete(): { x: Float32Array; observed: Uint8Array; truth: Float32Array } {
  const truth = gaussianData(N, MU, SD, new Rng(11));
  const rng = new Rng(12);
  const observed = new Uint8Array(truth.length);
  const x = truth.slice();
  for (let i = 0; i < x.length; i++) {
    observed[i] = rng.uniform() < 0.5 ? 1 : 0;
    if (!observed[i]) x[i] = 0;
  }
  return { x, observed, truth };
}

/** Mean and standard deviation per coordinate over the observed entries of x [N·D]. */
function observedMoments(x: Float32Array, observed: Uint8Array, D: number): { mean: number[]; std: number[] } {
  const sum = new Float64Array(D);
  const sq = new Float64Array(D);
  const count = new Float64Array(D);
  for (let i = 0; i < x.length; i++) {
    if (!observed[i]) continue;
    sum[i % D] += x[i];
    sq[i % D] += x[i] * x[i];
    count[i % D]++;
  }
  const mean = Array.from(sum, (s, d) => s / count[d]);
  return { mean, std: Array.from(sq, (s, d) => Math.sqrt(s / count[d] - mean[d] ** 2)) };
}

async function learn(recoverySteps: number, estimate: 'mean' | 'sample' = 'mean') {
  const D = MU.length;
  const family = new GaussianFamily(D);
  const trainer = new McmcMle(family, {
    sampler: new Hmc({ steps: 3, stepSize: 0.15, leapfrogSteps: 8, jitter: 0.2 }),
    optimizer: new Adam(2 * D, { lr: 0.03 }),
    init: 'persistent',
    batchSize: 256,
    chains: 128,
    seed: 1,
  });
  const data = incomplete();
  const avg = new Float64Array(2 * D);
  let kept = 0;
  const iterations = 300;
  const result = await learnFromIncomplete(data, {
    trainer,
    energy: family.energyFn(),
    recovery: recoverySteps > 0 ? new Hmc({ steps: recoverySteps, stepSize: 0.15, leapfrogSteps: 8, jitter: 0.2 }) : new Langevin({ steps: 0, stepSize: 0.1 }),
    iterations,
    estimate,
    rng: new Rng(2),
    onIteration: (e) => {
      if (e.iteration <= iterations / 2) return;
      for (let i = 0; i < 2 * D; i++) avg[i] += family.theta[i];
      kept++;
    },
  });
  const mu = Array.from(avg.subarray(0, D), (v) => v / kept);
  const sigma = Array.from(avg.subarray(D), (v) => Math.exp(v / kept));
  return { mu, sigma, result, data };
}

describe('learnFromIncomplete (stochastic EM) on a Gaussian with half its entries missing', () => {
  it('learns μ and σ from the observed entries and keeps them bit-identical', async () => {
    const { mu, sigma, result, data } = await learn(2);
    // EM's fixed point is the maximum-likelihood fit to the observed entries alone (missing at random, independent
    // coordinates): their mean and standard deviation per coordinate.
    const D = MU.length;
    const obs = observedMoments(data.x, data.observed, D);
    const muErr = mu.map((m, i) => Math.abs(m - obs.mean[i]) / obs.std[i]);
    const sigmaErr = sigma.map((s, i) => Math.abs(s / obs.std[i] - 1));
    console.log(
      `EM: μ̂ ${mu.map((v) => v.toFixed(3)).join(' ')} (observed ${obs.mean.map((v) => v.toFixed(3)).join(' ')}), ` +
        `σ̂ ${sigma.map((v) => v.toFixed(3)).join(' ')} (observed ${obs.std.map((v) => v.toFixed(3)).join(' ')}); ` +
        `worst |μ̂−μ|/σ ${Math.max(...muErr).toFixed(3)}, worst |σ̂/σ−1| ${Math.max(...sigmaErr).toFixed(3)}`,
    );
    muErr.forEach((e, i) => expect(e, `μ[${i}] ${mu[i]} vs ${obs.mean[i]}`).toBeLessThan(0.08));
    sigmaErr.forEach((e, i) => expect(e, `σ[${i}] ${sigma[i]} vs ${obs.std[i]}`).toBeLessThan(0.06));
    for (let i = 0; i < data.x.length; i++) if (data.observed[i]) expect(result.chains[i]).toBe(data.x[i]);
    // The 'mean' estimate of a missing entry of an independent Gaussian is its μ: the average over chains is near it.
    const missingMean = new Float64Array(D);
    const missingCount = new Float64Array(D);
    for (let i = 0; i < data.x.length; i++) {
      if (data.observed[i]) continue;
      missingMean[i % D] += result.chains[i];
      missingCount[i % D]++;
    }
    for (let d = 0; d < D; d++) expect(Math.abs(missingMean[d] / missingCount[d] - obs.mean[d]) / obs.std[d]).toBeLessThan(0.1);
  });

  it('negative control: without recovery sweeps the zero-filled entries bias μ and σ', async () => {
    const { mu, sigma } = await learn(0);
    const worstMu = Math.max(...mu.map((m, i) => Math.abs(m - MU[i]) / SD[i]));
    const worstSigma = Math.max(...sigma.map((s, i) => Math.abs(s / SD[i] - 1)));
    console.log(`control: worst |μ̂−μ|/σ ${worstMu.toFixed(3)}, worst |σ̂/σ−1| ${worstSigma.toFixed(3)}`);
    expect(worstMu).toBeGreaterThan(0.5);
    expect(worstSigma).toBeGreaterThan(0.3);
  });

  it("averageEverySteps: the 'mean' estimate averages every sampler step, with less Monte Carlo error than one state per sweep", async () => {
    // θ held at μ with σ = 1 (learning rate 0) and the missing entries started at μ, so the exact posterior mean of a
    // missing entry is its μ from the first step: the squared error of the estimate is the Monte Carlo error alone.
    // Langevin with δ = 1 on a unit Gaussian halves the distance to μ each step, so states 8 steps apart (one per
    // sweep) are nearly independent and averaging all 8 steps of a sweep must cut the error further.
    const D = MU.length;
    const data = incomplete();
    const start = data.x.slice();
    for (let i = 0; i < start.length; i++) if (!data.observed[i]) start[i] = MU[i % D];
    const meanError = async (averageEverySteps: boolean | undefined): Promise<number> => {
      const family = new GaussianFamily(D, MU);
      const result = await learnFromIncomplete(
        { x: start, observed: data.observed },
        {
          trainer: new McmcMle(family, { sampler: new Langevin({ steps: 1, stepSize: 0.1 }), optimizer: new Adam(2 * D, { lr: 0 }), seed: 1 }),
          energy: family.energyFn(),
          recovery: new Langevin({ steps: 8, stepSize: 1 }),
          iterations: 20,
          estimate: 'mean',
          rng: new Rng(3),
          ...(averageEverySteps === undefined ? {} : { averageEverySteps }),
        },
      );
      for (let i = 0; i < start.length; i++) if (data.observed[i]) expect(result.chains[i]).toBe(start[i]);
      let se = 0;
      let n = 0;
      for (let i = 0; i < start.length; i++) {
        if (data.observed[i]) continue;
        se += (result.chains[i] - MU[i % D]) ** 2;
        n++;
      }
      return se / n;
    };
    const perSweep = await meanError(undefined);
    const everyStep = await meanError(true);
    console.log(`mean squared error of the 'mean' estimate: one state per sweep ${perSweep.toFixed(4)}, every step ${everyStep.toFixed(4)}`);
    // The default is unchanged (one state per sweep): the same figure as asking for it explicitly.
    expect(await meanError(false)).toBe(perSweep);
    // 80 correlated states instead of 10 (an AR(1) with ρ = 1/2 has 1/3 of its states' worth): about 0.4 × the error.
    expect(everyStep).toBeLessThan(0.6 * perSweep);
    expect(everyStep).toBeGreaterThan(0.2 * perSweep);
  });

  it('refuses data with nothing observed or a mask that does not tile it', async () => {
    const family = new GaussianFamily(2);
    const base = {
      trainer: new McmcMle(family, { sampler: new Langevin({ steps: 1, stepSize: 0.1 }), optimizer: new Adam(4) }),
      energy: family.energyFn(),
      recovery: new Langevin({ steps: 1, stepSize: 0.1 }),
      iterations: 1,
      estimate: 'sample' as const,
      rng: new Rng(0),
    };
    await expect(learnFromIncomplete({ x: new Float32Array(4), observed: new Uint8Array(2) }, base)).rejects.toThrow(/nothing is observed/);
    await expect(learnFromIncomplete({ x: new Float32Array(4), observed: new Uint8Array([1, 0, 1]) }, base)).rejects.toThrow(RecoveryError);
  });

  it('stops with a RecoveryError when the recovery stops being finite', async () => {
    const family = new GaussianFamily(2);
    const nanEnergy = async (x: Float32Array) => ({ energy: new Float32Array(x.length / 2), grad: new Float32Array(x.length).fill(NaN) });
    const run = learnFromIncomplete(
      { x: new Float32Array(4), observed: new Uint8Array([1, 0]) },
      {
        trainer: new McmcMle(family, { sampler: new Langevin({ steps: 1, stepSize: 0.1 }), optimizer: new Adam(4) }),
        energy: nanEnergy,
        recovery: new Langevin({ steps: 1, stepSize: 0.1 }),
        iterations: 2,
        estimate: 'sample',
        rng: new Rng(0),
      },
    );
    await expect(run).rejects.toThrow(/non-finite value/);
  });
});
