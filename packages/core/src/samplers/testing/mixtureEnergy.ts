// Test-only: a 1D Gaussian mixture energy E(x) = −log Σₖ wₖ N(x; mₖ, sₖ²), with exact mode masses.
import type { EnergyFn } from '../EnergyFn.js';

/** Component weights (summing to 1), means and standard deviations. */
export interface Mixture1d {
  weights: number[];
  means: number[];
  stds: number[];
}

/** E(x) = −log p(x) and its derivative, for N one-dimensional samples. */
export function mixtureEnergy(m: Mixture1d): EnergyFn {
  const K = m.weights.length;
  const dens = new Float64Array(K);
  return async (x) => {
    const energy = new Float32Array(x.length);
    const grad = new Float32Array(x.length);
    for (let n = 0; n < x.length; n++) {
      let p = 0;
      let dp = 0;
      for (let k = 0; k < K; k++) {
        const z = (x[n] - m.means[k]) / m.stds[k];
        dens[k] = (m.weights[k] / (m.stds[k] * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * z * z);
        p += dens[k];
        dp += (-dens[k] * z) / m.stds[k];
      }
      energy[n] = -Math.log(p);
      grad[n] = -dp / p;
    }
    return { energy, grad };
  };
}

/** P(x < t) under the mixture. */
export function mixtureCdf(m: Mixture1d, t: number): number {
  let s = 0;
  for (let k = 0; k < m.weights.length; k++) s += m.weights[k] * normalCdf((t - m.means[k]) / m.stds[k]);
  return s;
}

/** Φ(z), by the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}
