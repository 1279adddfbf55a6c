import { Rng } from '../random/Rng.js';
import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { checkBoltzmannMachine, softplus } from '../samplers/BoltzmannMachine.js';
import { RbmError } from './RbmError.js';
import type { ExecutionOptions } from '../runtime/ExecutionOptions.js';
import { bernoulli } from './rbmConditionals.js';
import { RbmProducts } from './RbmProducts.js';

/** Options of {@link annealedImportanceSampling}. */
export interface AisOptions {
  /** Independent AIS runs M; default 100 (Salakhutdinov & Murray). */
  runs?: number;
  /** Inverse temperatures 0 = β₀ < … < β_K = 1; default {@link aisSchedule}(10_000). */
  betas?: Float64Array;
  /** Visible biases of the base-rate model p_A(v) ∝ exp(b_Aᵀv) [V] (fit them to the data: baseRateBiases); default 0. */
  baseBiases?: Float32Array;
  /** Seed of the runs; default 0. */
  seed?: number;
  /** Called every 100 temperatures with the number done. */
  onProgress?: (done: number, total: number) => void;
  /** onnxruntime threads of the matrix products. */
  execution?: ExecutionOptions;
}

/** What AIS estimates. */
export interface AisResult {
  /** Estimated log Z of the RBM, nats. */
  logZ: number;
  /**
   * Standard error of logZ by the delta method: std(w)/(√M·mean(w)) of the importance weights w. Salakhutdinov &
   * Murray report log(Ẑ ± 3σ̂) with σ̂ = std(w)/√M.
   */
  logZStd: number;
  /** log Ẑ − 3σ̂/Ẑ … log Ẑ + 3σ̂/Ẑ as in Salakhutdinov & Murray (lower bound −Infinity when 3σ̂ ≥ Ẑ). */
  logZRange: [number, number];
  /** log Z of the base-rate model. */
  logZBase: number;
  /** log w of each run [M]. */
  logWeights: Float64Array;
}

/**
 * Salakhutdinov & Murray's schedule: a quarter of the temperatures uniformly in [0, 0.5], ~28 % in [0.5, 0.9] and
 * ~69 % in [0.9, 1] (their 500 / 4,000 / 10,000 of 14,500), K + 1 values from 0 to 1.
 */
export function aisSchedule(K: number): Float64Array {
  if (!Number.isInteger(K) || K < 3) throw new RbmError(`AIS needs at least 3 intermediate temperatures, got ${K}`);
  const k1 = Math.max(1, Math.round((K * 500) / 14_500));
  const k2 = Math.max(1, Math.round((K * 4000) / 14_500));
  const k3 = K - k1 - k2;
  const betas = new Float64Array(K + 1);
  let t = 0;
  for (let i = 0; i < k1; i++) betas[t++] = (0.5 * i) / k1;
  for (let i = 0; i < k2; i++) betas[t++] = 0.5 + (0.4 * i) / k2;
  for (let i = 0; i <= k3; i++) betas[t++] = 0.9 + (0.1 * i) / k3;
  return betas;
}

/**
 * Annealed importance sampling estimate of an RBM's log partition function (Neal 2001; Salakhutdinov & Murray,
 * "On the quantitative analysis of deep belief networks", ICML 2008). The path runs from the base-rate model
 * p_A(v) ∝ exp(b_Aᵀv) (log Z_A = Σᵢ softplus(b_Aᵢ) + H log 2 with H hidden units of zero weight) to the RBM through
 * p_β(v) ∝ exp((1 − β)b_Aᵀv + βbᵀv)·Πⱼ (1 + exp(β(cⱼ + (vᵀW)ⱼ))); each run draws v ~ p_A, then for k = 1…K adds
 * log p*_βk(v) − log p*_βk−1(v) to its log weight and moves v by one block-Gibbs sweep that leaves p_βk invariant.
 * log Ẑ = log Z_A + log mean(w).
 */
export async function annealedImportanceSampling(rbm: BoltzmannMachine, options: AisOptions = {}): Promise<AisResult> {
  checkBoltzmannMachine(rbm);
  const { visible: V, hidden: H, b } = rbm;
  const M = options.runs ?? 100;
  if (!Number.isInteger(M) || M < 2) throw new RbmError(`AIS needs at least 2 runs, got ${M}`);
  const betas = options.betas ?? aisSchedule(10_000);
  if (betas.length < 2 || betas[0] !== 0 || betas[betas.length - 1] !== 1 || betas.some((v, i) => i > 0 && !(v >= betas[i - 1]))) {
    throw new RbmError('AIS temperatures must rise from β = 0 to β = 1');
  }
  const bA = options.baseBiases ?? new Float32Array(V);
  if (bA.length !== V) throw new RbmError(`base-rate biases have ${bA.length} values for ${V} visible units`);
  const rng = new Rng(options.seed ?? 0);
  const products = await RbmProducts.create(rbm, options.execution);

  let logZBase = H * Math.LN2;
  for (let i = 0; i < V; i++) logZBase += softplus(bA[i]);
  // b − b_A: the visible term of log p*_β(v) − log p*_β'(v) is (β − β')(b − b_A)ᵀv.
  const db = new Float32Array(V);
  for (let i = 0; i < V; i++) db[i] = b[i] - bA[i];

  // v ~ p_A: independent Bernoulli(σ(b_A)).
  const pA = new Float32Array(M * V);
  for (let n = 0; n < M; n++) for (let i = 0; i < V; i++) pA[n * V + i] = 1 / (1 + Math.exp(-bA[i]));
  const v = bernoulli(pA, rng);
  const h = new Float32Array(M * H);
  const logW = new Float64Array(M);
  const K = betas.length - 1;
  try {
    for (let k = 1; k <= K; k++) {
      const bPrev = betas[k - 1];
      const bk = betas[k];
      const a = await products.hiddenInput(v);
      for (let n = 0; n < M; n++) {
        // log p*_β(v) = (1 − β)b_Aᵀv + βbᵀv + Σⱼ softplus(β aⱼ): the difference of two temperatures at the same v.
        let lin = 0;
        for (let i = 0; i < V; i++) if (v[n * V + i] !== 0) lin += db[i];
        let d = (bk - bPrev) * lin;
        for (let j = 0; j < H; j++) {
          const aj = a[n * H + j];
          d += softplus(bk * aj) - softplus(bPrev * aj);
        }
        logW[n] += d;
      }
      // One Gibbs sweep at β_k: h ~ σ(β a), v ~ σ((1 − β)b_A + β(b + Wh)).
      for (let i = 0; i < a.length; i++) h[i] = rng.uniform() < 1 / (1 + Math.exp(-bk * a[i])) ? 1 : 0;
      const z = await products.visibleInput(h);
      for (let n = 0; n < M; n++)
        for (let i = 0; i < V; i++) {
          const p = 1 / (1 + Math.exp(-((1 - bk) * bA[i] + bk * z[n * V + i])));
          v[n * V + i] = rng.uniform() < p ? 1 : 0;
        }
      if (options.onProgress && (k % 100 === 0 || k === K)) options.onProgress(k, K);
    }
  } finally {
    await products.dispose();
  }

  let maxLog = -Infinity;
  for (const l of logW) maxLog = Math.max(maxLog, l);
  let sum = 0;
  let sumSq = 0;
  for (const l of logW) {
    const r = Math.exp(l - maxLog);
    sum += r;
    sumSq += r * r;
  }
  const meanR = sum / M;
  const stdR = Math.sqrt(Math.max(0, sumSq / M - meanR * meanR) * (M / (M - 1)));
  const relSe = stdR / Math.sqrt(M) / meanR;
  const logZ = logZBase + maxLog + Math.log(meanR);
  return {
    logZ,
    logZStd: relSe,
    logZRange: [3 * relSe >= 1 ? -Infinity : logZ + Math.log(1 - 3 * relSe), logZ + Math.log(1 + 3 * relSe)],
    logZBase,
    logWeights: logW,
  };
}
