import { describe, expect, it } from 'vitest';
import { Rng } from '../random/Rng.js';
import { Langevin } from './Langevin.js';
import { Sgld, SGLD_PRESETS } from './Sgld.js';
import { compose, rotatedGaussian, type GaussianTarget } from './testing/gaussianTarget.js';
import { describeGaussianRun, expectGaussianMatch, runOnGaussian } from './testing/gaussianRun.js';
import { isotropicEnergy } from './testing/isotropicEnergy.js';
import { meanAndSe } from './testing/chainStatistics.js';
import { FROB_NOISE_FACTOR, Z_MAX } from './testing/tolerances.js';

/**
 * Unadjusted Langevin x ← x − h·P(x − μ) + δε (h = δ²/2) on a Gaussian has an exactly known stationary law: along an
 * eigendirection with variance λ, Var = δ²/(1 − (1 − h/λ)²) = λ / (1 − h/(2λ)). So its O(δ²) bias is part of the
 * expectation, and the tolerance vs the truth is that bias plus the sampling tolerance.
 */
function ulaStationary(t: GaussianTarget, delta: number) {
  const h = (delta * delta) / 2;
  const ratio = t.eigvals.map((l) => 1 / (1 - h / (2 * l)));
  const lam = t.eigvals.map((l, k) => l * ratio[k]);
  const cov = compose(t.eigvecs, lam, t.dim, 1);
  let num = 0;
  let den = 0;
  for (let i = 0; i < cov.length; i++) (num += (cov[i] - t.cov[i]) ** 2), (den += t.cov[i] ** 2);
  return { ratio, cov, frobBias: Math.sqrt(num / den) };
}

async function ulaGaussianCase(label: string, t: GaussianTarget, delta: number, run: { chains: number; burn: number; keep: number; thin: number }) {
  const ula = ulaStationary(t, delta);
  const r = await runOnGaussian(new Langevin({ steps: 0, stepSize: delta }), t, { ...run, seed: 1, expectedRatio: ula.ratio, expectedCov: ula.cov });
  console.log(describeGaussianRun(`${label} vs its known O(δ²) stationary law`, r));
  const v = r.reportVsTruth;
  console.log(
    `${label} vs the true Σ: rel Frobenius err ${v.covRelFrob.toFixed(3)} (tol = bias ${ula.frobBias.toFixed(3)} + ${FROB_NOISE_FACTOR}×noise ${v.covRelFrobNoise.toFixed(3)}); ` +
      `variance ratio along smallest λ ${v.ratioSmallest.toFixed(3)}, theory ${ula.ratio[t.dim - 1].toFixed(3)}; eigendirection max|z| vs truth ${v.eigMaxZ.toFixed(2)}`,
  );
  expectGaussianMatch(label, r);
  expect(v.covRelFrob, `${label}: covariance error vs the truth`).toBeLessThan(ula.frobBias + FROB_NOISE_FACTOR * v.covRelFrobNoise);
  expect(r.acceptMean).toBe(1);
}

describe('Langevin (Xie et al.)', () => {
  it('samples a correlated 2-D Gaussian up to its O(δ²) bias', async () => {
    await ulaGaussianCase('Langevin dim 2 (δ = 0.08)', rotatedGaussian(2, 20, 3), 0.08, { chains: 200, burn: 500, keep: 3000, thin: 2 });
  });

  it('samples a 100-D Gaussian (condition 100, random rotation) up to its O(δ²) bias', async () => {
    // bias along the smallest eigenvalue 0.01: δ²/(4λ) ≈ 9 %; slowest relaxation λmax/h ≈ 560 steps
    await ulaGaussianCase('Langevin dim 100 (δ = 0.06)', rotatedGaussian(100, 100, 7), 0.06, { chains: 50, burn: 1500, keep: 3000, thin: 5 });
  });

  it('with a reference σ samples N(0, σ²/(1 − δ²/4σ²)) from the flat energy', async () => {
    const sigma = 0.5;
    const delta = 0.1;
    const expected = (sigma * sigma) / (1 - (delta * delta) / (4 * sigma * sigma)); // 0.25253
    const rng = new Rng(5);
    const N = 500;
    const x = new Float32Array(N * 4);
    const langevin = new Langevin({ steps: 0, stepSize: delta, sigma });
    await langevin.sample(isotropicEnergy(4, 0), x, { rng, steps: 400 }); // relaxation σ²/h = 50 steps
    const perChain = new Float64Array(N);
    await langevin.sample(isotropicEnergy(4, 0), x, {
      rng,
      steps: 400,
      onStep: (_t, _e, xs) => {
        for (let n = 0; n < N; n++) for (let i = 0; i < 4; i++) perChain[n] += xs[n * 4 + i] ** 2 / 1600;
      },
    });
    const { mean, se } = meanAndSe(perChain);
    console.log(`Langevin σ = ${sigma}, δ = ${delta}: Var ${mean.toFixed(4)} ± ${se.toFixed(4)} vs ${expected.toFixed(4)}, z ${((mean - expected) / se).toFixed(2)}`);
    expect(Math.abs(mean - expected) / se).toBeLessThan(Z_MAX);
  });

  it('without σ has no reference term: on the flat energy it is a random walk, Var = t·δ²', async () => {
    const rng = new Rng(6);
    const x = new Float32Array(4000);
    await new Langevin({ steps: 100, stepSize: 0.1 }).sample(isotropicEnergy(1, 0), x, { rng });
    let v = 0;
    for (const xi of x) v += xi * xi;
    v /= x.length;
    const se = Math.sqrt(2 / x.length); // SE of a sample variance of 4000 i.i.d. N(0, 1) values
    console.log(`Langevin without σ: Var after 100 steps of δ = 0.1: ${v.toFixed(4)} vs 1 ± ${se.toFixed(4)}`);
    expect(Math.abs(v - 1) / se).toBeLessThan(Z_MAX);
  });
});

describe('Sgld', () => {
  it('decouples step and noise: on E = 2x² its stationary variance is η²/(1 − (1 − 4α)²)', async () => {
    const alpha = 0.05;
    const eta = 0.1;
    const expected = (eta * eta) / (1 - (1 - 4 * alpha) ** 2); // 0.027778 (the target's own variance is 0.25)
    const rng = new Rng(7);
    const N = 1000;
    const x = new Float32Array(N);
    const sgld = new Sgld({ steps: 0, stepSize: alpha, noiseStd: eta });
    await sgld.sample(isotropicEnergy(1, 4), x, { rng, steps: 50 });
    const perChain = new Float64Array(N);
    await sgld.sample(isotropicEnergy(1, 4), x, {
      rng,
      steps: 200,
      onStep: (_t, _e, xs) => {
        for (let n = 0; n < N; n++) perChain[n] += xs[n] ** 2 / 200;
      },
    });
    const { mean, se } = meanAndSe(perChain);
    console.log(`SGLD α = ${alpha}, η = ${eta}: Var ${mean.toFixed(5)} ± ${se.toFixed(5)} vs ${expected.toFixed(5)}`);
    expect(Math.abs(mean - expected) / se).toBeLessThan(Z_MAX);
  });

  it('clips each gradient element to ±c (IGEBM) and clamps to the range', async () => {
    // E = 50‖x − 0.3‖², so |∂E/∂x| ≫ c almost everywhere and every step is exactly α·c = 0.1 without noise
    const energy = isotropicEnergy(16, 100, 0.3);
    const rng = new Rng(8);
    const x = rng.fillUniform(new Float32Array(64), 0, 1) as Float32Array;
    const prev = Float32Array.from(x);
    let maxMove = 0;
    let minMove = Infinity;
    let outOfRange = 0;
    const sgld = new Sgld({ steps: 30, stepSize: 10, noiseStd: 0, gradClip: 0.01, clamp: [0, 1] });
    await sgld.sample(energy, x, {
      rng,
      onStep: (t, _e, xs) => {
        for (let i = 0; i < xs.length; i++) {
          const d = Math.abs(xs[i] - prev[i]);
          maxMove = Math.max(maxMove, d);
          if (t === 0) minMove = Math.min(minMove, d);
          if (xs[i] < 0 || xs[i] > 1) outOfRange++;
        }
        prev.set(xs);
      },
    });
    let far = 0;
    for (const v of x) far = Math.max(far, Math.abs(v - 0.3));
    console.log(`IGEBM clipping: largest move per step ${maxMove} (bound α·c = 0.1), smallest first move ${minMove}, final max |x − 0.3| ${far}`);
    expect(maxMove).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(outOfRange).toBe(0);
    expect(far).toBeLessThanOrEqual(0.1 + 1e-6);
  });

  it('with the IGEBM preset keeps samples in [0, 1]', async () => {
    const rng = new Rng(9);
    const x = rng.fillUniform(new Float32Array(4 * 48), -0.5, 1.5) as Float32Array;
    const r = await new Sgld(SGLD_PRESETS.igebm).sample(isotropicEnergy(48, 1, 2), x, { rng });
    expect(r.steps).toBe(60);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
  });
});
