import type { Rng } from '../random/Rng.js';

/**
 * The Metropolis-Hastings decision: accept with probability min(1, exp(logRatio)).
 * Always draws exactly one uniform, so the random stream does not depend on the outcome; a NaN ratio
 * (an energy that overflowed) rejects.
 * @param logRatio log of the acceptance ratio, e.g. E(x) − E(x′) for a symmetric proposal (nats)
 */
export function metropolisAccept(logRatio: number, rng: Rng): boolean {
  const u = rng.uniform();
  return logRatio >= 0 || u < Math.exp(logRatio);
}
