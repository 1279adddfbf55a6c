// Test-only: runs a sampler on a Gaussian target from an off-target start and measures it against the truth.
import { expect } from 'vitest';
import { Rng } from '../../random/Rng.js';
import type { Sampler } from '../Sampler.js';
import { type GaussianTarget, gaussianEnergy } from './gaussianTarget.js';
import { ChainMoments, type GaussianReport, gaussianReport, meanAndSe } from './chainStatistics.js';
import { ESS_MIN, FROB_NOISE_FACTOR, meanZ2Max, Z_MAX } from './tolerances.js';

export interface GaussianRunOptions {
  chains: number;
  /** steps discarded */
  burn: number;
  /** steps recorded from (every `thin`-th) */
  keep: number;
  thin: number;
  seed: number;
  /** Per-eigendirection expected variance ratio and covariance, for samplers with a known bias (ULA). */
  expectedRatio?: Float64Array;
  expectedCov?: Float64Array;
}

export interface GaussianRunResult {
  report: GaussianReport;
  /** The same statistics against the true Σ (equal to `report` for exact samplers). */
  reportVsTruth: GaussianReport;
  acceptMean: number;
  acceptMin: number;
  acceptMax: number;
  /** max over eigendirections of |mean z| and mean of z², for the sample mean in the eigenbasis. */
  meanEigMaxZ: number;
  meanEigMeanZ2: number;
  dim: number;
}

/**
 * Start: every chain at μ + 1·u₁ (one standard deviation along the slowest direction) plus N(0, 0.1²I), so the
 * chains must both travel and spread to reach the target.
 */
export async function runOnGaussian(sampler: Sampler, target: GaussianTarget, o: GaussianRunOptions): Promise<GaussianRunResult> {
  const { dim: D } = target;
  const rng = new Rng(o.seed);
  const x = new Float32Array(o.chains * D);
  for (let n = 0; n < o.chains; n++) for (let i = 0; i < D; i++) x[n * D + i] = target.mean[i] + target.eigvecs[i * D] + 0.1 * rng.normal();
  const energy = gaussianEnergy(target);
  await sampler.sample(energy, x, { rng, steps: o.burn });
  const moments = new ChainMoments(o.chains, D, target.mean);
  const result = await sampler.sample(energy, x, {
    rng,
    steps: o.keep,
    onStep: (t, _e, xs) => {
      if ((t + 1) % o.thin === 0) moments.record(xs);
    },
  });
  const ones = new Float64Array(D).fill(1);
  const report = gaussianReport(moments, target, o.expectedRatio ?? ones, o.expectedCov ?? target.cov);
  const reportVsTruth = o.expectedRatio ? gaussianReport(moments, target, ones, target.cov) : report;
  // the sample mean in the eigenbasis, where the z's are nearly independent
  const per = new Float64Array(o.chains);
  let meanEigMaxZ = 0;
  let z2 = 0;
  for (let k = 0; k < D; k++) {
    for (let n = 0; n < o.chains; n++) {
      let s = 0;
      for (let i = 0; i < D; i++) s += target.eigvecs[i * D + k] * (moments.sums[n * D + i] / moments.records - target.mean[i]);
      per[n] = s;
    }
    const { mean, se } = meanAndSe(per);
    meanEigMaxZ = Math.max(meanEigMaxZ, Math.abs(mean / se));
    z2 += (mean / se) ** 2;
  }
  const acc = Array.from(result.acceptRate);
  return {
    report,
    reportVsTruth,
    acceptMean: result.meanAcceptRate,
    acceptMin: Math.min(...acc),
    acceptMax: Math.max(...acc),
    meanEigMaxZ,
    meanEigMeanZ2: z2 / D,
    dim: D,
  };
}

/** One line of the numbers a reader can quote. */
export function describeGaussianRun(label: string, r: GaussianRunResult, frobBias = 0): string {
  const p = r.report;
  const f = (v: number, d = 3) => v.toFixed(d);
  return (
    `${label}: accept mean ${f(r.acceptMean)} (chains ${f(r.acceptMin)}–${f(r.acceptMax)}); ` +
    `mean: max|z| ${f(r.meanEigMaxZ, 2)} (tol ${Z_MAX}), mean z² ${f(r.meanEigMeanZ2, 2)} (tol ${meanZ2Max(r.dim).toFixed(2)}), max err ${f(p.meanMaxErrStd)} σ; ` +
    `cov: rel Frobenius err ${f(p.covRelFrob)} (noise level ${f(p.covRelFrobNoise)}, tol ${f(FROB_NOISE_FACTOR * p.covRelFrobNoise + frobBias)}), ` +
    `eigendirection variance ratio max|z| ${f(p.eigMaxZ, 2)} (tol ${Z_MAX}), ratio largest/smallest λ ${f(p.ratioLargest)}/${f(p.ratioSmallest)}; ` +
    `ESS var min/median ${Math.round(p.essVarMin)}/${Math.round(p.essVarMedian)}, ESS mean min ${Math.round(p.essMeanMin)}`
  );
}

/** The shared assertions of every Gaussian test (tolerances from ./tolerances.ts). */
export function expectGaussianMatch(label: string, r: GaussianRunResult): void {
  const p = r.report;
  expect(r.meanEigMaxZ, `${label}: largest |z| of the sample mean (eigenbasis)`).toBeLessThan(Z_MAX);
  expect(r.meanEigMeanZ2, `${label}: mean z² of the sample mean (eigenbasis)`).toBeLessThan(meanZ2Max(r.dim));
  expect(p.eigMaxZ, `${label}: largest |z| of the variance ratio along an eigendirection`).toBeLessThan(Z_MAX);
  expect(p.covRelFrob, `${label}: relative Frobenius error of the covariance vs ${FROB_NOISE_FACTOR}× its noise level ${p.covRelFrobNoise}`).toBeLessThan(
    FROB_NOISE_FACTOR * p.covRelFrobNoise,
  );
  expect(p.essVarMin, `${label}: smallest ESS of a variance estimate`).toBeGreaterThan(ESS_MIN);
  expect(p.essMeanMin, `${label}: smallest ESS of a mean estimate`).toBeGreaterThan(ESS_MIN);
}
