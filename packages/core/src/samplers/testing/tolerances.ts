// Test-only: the statistical tolerances of the sampler tests, decided in one place.
//
// Every estimate comes from N independent chains; the spread of per-chain averages gives its standard error (SE),
// which includes autocorrelation, and ESS = Var / SE². A z-score is (estimate − expected) / SE.

/** Largest |z| allowed for any single statistic. For 100 nearly independent z's from ≥ 50 chains (t with ≥ 49 dof),
 * P(max |z| > 5) < 1e-3; a sampler biased by a few SE in any direction fails. */
export const Z_MAX = 5;

/** Relative Frobenius error of a covariance may be at most this multiple of its sampling-noise level
 * √(Σᵢⱼ SE(Sᵢⱼ)²)/‖Σ‖_F (plus a known discretisation bias where there is one). The squared error is a sum of D²
 * terms with that expected total, so it concentrates near 1× the noise level. */
export const FROB_NOISE_FACTOR = 2;

/** Mean z² over D directions must stay below 1 + 7·√(2/D) (χ²_D/D has mean 1 and sd √(2/D); SEs estimated from
 * ≥ 50 chains inflate z² a little): catches a small bias shared by many directions. 1.99 for D = 100. */
export function meanZ2Max(dim: number): number {
  return 1 + 7 * Math.sqrt(2 / dim);
}

/** Smallest effective sample size a test accepts, so that a stuck sampler cannot pass on wide error bars. */
export const ESS_MIN = 100;
