import type { Rng } from '../random/Rng.js';
import { ChainError } from './ChainError.js';

/** How fresh chains are drawn: uniform in [lo, hi) (default [−1, 1)) or Gaussian N(mean, std²) (default N(0, 1)). */
export type NoiseInit =
  | { kind: 'uniform'; lo?: number; hi?: number }
  | { kind: 'gaussian'; mean?: number; std?: number };

/** The default start: uniform in [−1, 1), the data range most EBMs normalise to. */
export const DEFAULT_NOISE: NoiseInit = { kind: 'uniform', lo: -1, hi: 1 };

/**
 * Fills `out` with i.i.d. noise, in place.
 * @param out [N·D] (or any slice of a chain set)
 */
export function fillNoise(out: Float32Array, rng: Rng, init: NoiseInit = DEFAULT_NOISE): Float32Array {
  if (init.kind === 'uniform') {
    const lo = init.lo ?? -1;
    const hi = init.hi ?? 1;
    if (!(lo <= hi)) throw new ChainError(`uniform noise needs lo ≤ hi, got [${lo}, ${hi}]`);
    rng.fillUniform(out, lo, hi);
  } else if (init.kind === 'gaussian') {
    const std = init.std ?? 1;
    if (!(std >= 0)) throw new ChainError(`Gaussian noise needs std ≥ 0, got ${std}`);
    rng.fillNormal(out, init.mean ?? 0, std);
  } else {
    throw new ChainError(`unknown noise kind '${(init as { kind: string }).kind}'; use 'uniform' or 'gaussian'`);
  }
  return out;
}

/**
 * N fresh chains started from noise.
 * @param n number of chains N
 * @param dim values per sample D (C·H·W or C·T·H·W)
 * @returns [N·D]
 */
export function noiseChains(n: number, dim: number, rng: Rng, init: NoiseInit = DEFAULT_NOISE): Float32Array {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(dim) || dim < 1) {
    throw new ChainError(`noiseChains needs a whole number of chains ≥ 0 and of values per sample ≥ 1, got ${n} × ${dim}`);
  }
  return fillNoise(new Float32Array(n * dim), rng, init);
}
