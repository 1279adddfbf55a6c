// Test-only: mode masses of a two-mode 1D mixture, from many chains started broad.
import { expect } from 'vitest';
import { Rng } from '../../random/Rng.js';
import type { Sampler } from '../Sampler.js';
import { type Mixture1d, mixtureCdf, mixtureEnergy } from './mixtureEnergy.js';
import { meanAndSe } from './chainStatistics.js';
import { ESS_MIN, Z_MAX } from './tolerances.js';

/** Weights 0.3 / 0.7 at −2.5 / +2.5, std 1: two clear modes (density at 0 is 1/16 of the larger peak) that chains can cross. */
export const TWO_MODES: Mixture1d = { weights: [0.3, 0.7], means: [-2.5, 2.5], stds: [1, 1] };

export interface MixtureRunResult {
  /** Mass of the left mode, P(x < 0): estimate, its SE, the truth and the z-score. */
  leftMass: number;
  se: number;
  exact: number;
  z: number;
  /** ESS of the left-mode indicator, p(1 − p) / SE². */
  ess: number;
  /** Mean number of mode changes per chain over the recorded steps. */
  crossingsPerChain: number;
  acceptMean: number;
}

/** Chains start uniform on [−6, 6] (half in each mode, not 0.3 / 0.7), so the right masses need crossings. */
export async function runOnMixture(sampler: Sampler, o: { chains: number; burn: number; keep: number; seed: number }): Promise<MixtureRunResult> {
  const rng = new Rng(o.seed);
  const x = rng.fillUniform(new Float32Array(o.chains), -6, 6) as Float32Array;
  const energy = mixtureEnergy(TWO_MODES);
  await sampler.sample(energy, x, { rng, steps: o.burn });
  const left = new Float64Array(o.chains);
  const side = new Int8Array(o.chains);
  for (let n = 0; n < o.chains; n++) side[n] = x[n] < 0 ? 1 : 0;
  let crossings = 0;
  const result = await sampler.sample(energy, x, {
    rng,
    steps: o.keep,
    onStep: (_t, _e, xs) => {
      for (let n = 0; n < o.chains; n++) {
        const s = xs[n] < 0 ? 1 : 0;
        left[n] += s;
        if (s !== side[n]) (crossings++, (side[n] = s));
      }
    },
  });
  for (let n = 0; n < o.chains; n++) left[n] /= o.keep;
  const { mean, se } = meanAndSe(left);
  const exact = mixtureCdf(TWO_MODES, 0);
  return {
    leftMass: mean,
    se,
    exact,
    z: (mean - exact) / se,
    ess: (exact * (1 - exact)) / (se * se),
    crossingsPerChain: crossings / o.chains,
    acceptMean: result.meanAcceptRate,
  };
}

export function describeMixtureRun(label: string, r: MixtureRunResult): string {
  return (
    `${label}: accept ${r.acceptMean.toFixed(3)}; left-mode mass ${r.leftMass.toFixed(4)} ± ${r.se.toFixed(4)} (SE) vs exact ${r.exact.toFixed(4)}, ` +
    `z ${r.z.toFixed(2)} (tol ${Z_MAX}); ESS ${Math.round(r.ess)}; ${r.crossingsPerChain.toFixed(1)} mode changes per chain`
  );
}

export function expectMixtureMatch(label: string, r: MixtureRunResult): void {
  expect(Math.abs(r.z), `${label}: |z| of the left-mode mass ${r.leftMass} vs ${r.exact}`).toBeLessThan(Z_MAX);
  expect(r.ess, `${label}: ESS of the mode-mass estimate`).toBeGreaterThan(ESS_MIN);
}
