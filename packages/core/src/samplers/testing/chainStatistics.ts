// Test-only: estimates from N independent chains. Each chain's time average is one i.i.d. draw of the estimator,
// so the spread of those averages across chains gives standard errors that include autocorrelation, and
// ESS = Var(f) / SE² follows from them.
import type { GaussianTarget } from './gaussianTarget.js';

/** Per-chain running sums of x and of (x − μ)(x − μ)ᵀ, recorded every call to `record`. */
export class ChainMoments {
  readonly sums: Float64Array; // [N·D]
  readonly outer: Float64Array; // [N·D·D] about the reference mean
  records = 0;
  private readonly r: Float64Array;

  constructor(readonly chains: number, readonly dim: number, private readonly center: Float64Array) {
    this.sums = new Float64Array(chains * dim);
    this.outer = new Float64Array(chains * dim * dim);
    this.r = new Float64Array(dim);
  }

  record(x: Float32Array): void {
    const { chains: N, dim: D, r } = this;
    for (let n = 0; n < N; n++) {
      const o = n * D;
      const oo = n * D * D;
      for (let i = 0; i < D; i++) {
        this.sums[o + i] += x[o + i];
        r[i] = x[o + i] - this.center[i];
      }
      for (let i = 0; i < D; i++) {
        const ri = r[i];
        const row = oo + i * D;
        for (let j = i; j < D; j++) this.outer[row + j] += ri * r[j];
      }
    }
    this.records++;
  }
}

/** Mean and standard error over chains of per-chain values v [N]. */
export function meanAndSe(v: ArrayLike<number>): { mean: number; se: number } {
  const N = v.length;
  let m = 0;
  for (let n = 0; n < N; n++) m += v[n];
  m /= N;
  let s = 0;
  for (let n = 0; n < N; n++) s += (v[n] - m) ** 2;
  return { mean: m, se: Math.sqrt(s / (N - 1) / N) };
}

/** Numbers a Gaussian test asserts on, all measured against the truth (or a known biased target). */
export interface GaussianReport {
  /** max over coordinates of |x̄ᵢ − μᵢ| / SEᵢ. */
  meanMaxZ: number;
  /** max over coordinates of |x̄ᵢ − μᵢ| / √Σᵢᵢ. */
  meanMaxErrStd: number;
  /** ‖S − Σ_expected‖_F / ‖Σ_expected‖_F. */
  covRelFrob: number;
  /** √(Σᵢⱼ SE(Sᵢⱼ)²) / ‖Σ_expected‖_F: the relative Frobenius error sampling noise alone gives. */
  covRelFrobNoise: number;
  /** max over eigendirections k of |uₖᵀSuₖ/λₖ − expectedₖ| / SEₖ. */
  eigMaxZ: number;
  /** Variance ratio uₖᵀSuₖ/λₖ along the largest and smallest eigenvalue. */
  ratioLargest: number;
  ratioSmallest: number;
  /** ESS of the variance estimate along eigendirections (2 / SE²): min and median over k; ESS of the means: min. */
  essVarMin: number;
  essVarMedian: number;
  essMeanMin: number;
}

/**
 * Compares recorded moments with a Gaussian target.
 * @param expectedRatio per-eigendirection expected variance ratio (1 for an exact sampler; ULA's known bias otherwise)
 * @param expectedCov the covariance the sampler should reach (Σ for exact samplers)
 */
export function gaussianReport(m: ChainMoments, t: GaussianTarget, expectedRatio: Float64Array, expectedCov: Float64Array): GaussianReport {
  const { chains: N, dim: D } = m;
  const T = m.records;
  const perChain = new Float64Array(N);
  let meanMaxZ = 0;
  let meanMaxErrStd = 0;
  let essMeanMin = Infinity;
  for (let i = 0; i < D; i++) {
    for (let n = 0; n < N; n++) perChain[n] = m.sums[n * D + i] / T;
    const { mean, se } = meanAndSe(perChain);
    meanMaxZ = Math.max(meanMaxZ, Math.abs(mean - t.mean[i]) / se);
    meanMaxErrStd = Math.max(meanMaxErrStd, Math.abs(mean - t.mean[i]) / Math.sqrt(t.cov[i * D + i]));
    essMeanMin = Math.min(essMeanMin, t.cov[i * D + i] / (se * se));
  }
  // pooled second moment about the true mean, and per-entry SEs
  let frobErr = 0;
  let frobNoise = 0;
  let frobRef = 0;
  const S = new Float64Array(D * D);
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      for (let n = 0; n < N; n++) perChain[n] = m.outer[n * D * D + i * D + j] / T;
      const { mean, se } = meanAndSe(perChain);
      S[i * D + j] = S[j * D + i] = mean;
      const w = i === j ? 1 : 2;
      frobErr += w * (mean - expectedCov[i * D + j]) ** 2;
      frobNoise += w * se * se;
      frobRef += w * expectedCov[i * D + j] ** 2;
    }
  // variance ratios along eigendirections, per chain
  const R = t.eigvecs;
  const ratios = new Float64Array(N * D);
  const Su = new Float64Array(D);
  for (let n = 0; n < N; n++) {
    const oo = n * D * D;
    for (let k = 0; k < D; k++) {
      for (let i = 0; i < D; i++) {
        let s = 0;
        for (let j = 0; j < D; j++) {
          const a = i <= j ? m.outer[oo + i * D + j] : m.outer[oo + j * D + i];
          s += a * R[j * D + k];
        }
        Su[i] = s / T;
      }
      let q = 0;
      for (let i = 0; i < D; i++) q += R[i * D + k] * Su[i];
      ratios[n * D + k] = q / t.eigvals[k];
    }
  }
  let eigMaxZ = 0;
  const ess: number[] = [];
  let ratioLargest = NaN;
  let ratioSmallest = NaN;
  for (let k = 0; k < D; k++) {
    for (let n = 0; n < N; n++) perChain[n] = ratios[n * D + k];
    const { mean, se } = meanAndSe(perChain);
    eigMaxZ = Math.max(eigMaxZ, Math.abs(mean - expectedRatio[k]) / se);
    ess.push(2 / (se * se));
    if (k === 0) ratioLargest = mean;
    if (k === D - 1) ratioSmallest = mean;
  }
  ess.sort((a, b) => a - b);
  return {
    meanMaxZ,
    meanMaxErrStd,
    covRelFrob: Math.sqrt(frobErr / frobRef),
    covRelFrobNoise: Math.sqrt(frobNoise / frobRef),
    eigMaxZ,
    ratioLargest,
    ratioSmallest,
    essVarMin: ess[0],
    essVarMedian: ess[ess.length >> 1],
    essMeanMin,
  };
}
