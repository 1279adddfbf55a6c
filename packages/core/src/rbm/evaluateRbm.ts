import { Rng } from '../random/Rng.js';
import { freeEnergy, type BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import { annealedImportanceSampling, aisSchedule, type AisResult } from './annealedImportanceSampling.js';
import { baseRateBiases } from './createRbm.js';
import { bernoulli, hiddenInput, sigmoidInPlace, transposeWeights, visibleProbabilities } from './rbmConditionals.js';
import type { ExecutionOptions } from '../runtime/ExecutionOptions.js';

/** Options of {@link evaluateRbm}. */
export interface EvaluateRbmOptions {
  /** AIS runs; default 100. */
  runs?: number;
  /** AIS intermediate temperatures; default 10,000. */
  temperatures?: number;
  seed?: number;
  /** Binary training data [N·V] for the base-rate model's biases (default: the held-out data's own rates). */
  baseData?: Float32Array;
  onProgress?: (done: number, total: number) => void;
  /** onnxruntime threads of the matrix products. */
  execution?: ExecutionOptions;
}

/** What `ebm rbm eval` reports (keys as in its --json output). */
export interface RbmEvaluation {
  /** Mean log p(v) over the held-out digits, nats: mean(−F(v)) − log Ẑ. */
  ais_log_likelihood: number;
  /** Its AIS error: the standard error of log Ẑ (the held-out set is fixed, so log Ẑ is the only estimate in it). */
  ais_log_likelihood_std: number;
  /** log Ẑ and its standard error. */
  log_partition: number;
  log_partition_std: number;
  /** log(Ẑ ± 3σ̂), Salakhutdinov & Murray's bar; the lower end is −∞ (null in JSON) when 3σ̂ ≥ Ẑ, a sign that too few runs carry the estimate. */
  log_partition_range: [number, number];
  /** Mean squared reconstruction error per held-out digit, Σᵢ (vᵢ − p(vᵢ = 1 | h))² with h ~ p(h | v). */
  reconstruction_error: number;
  /** Held-out digits, AIS runs and temperatures used. */
  count: number;
  ais_runs: number;
  ais_temperatures: number;
}

/** AIS log-likelihood and reconstruction error of an RBM on held-out binary data v [N·V]. */
export async function evaluateRbm(rbm: BoltzmannMachine, v: Float32Array, options: EvaluateRbmOptions = {}): Promise<RbmEvaluation> {
  const V = rbm.visible;
  const N = v.length / V;
  const runs = options.runs ?? 100;
  const K = options.temperatures ?? 10_000;
  const ais: AisResult = await annealedImportanceSampling(rbm, {
    runs,
    betas: aisSchedule(K),
    baseBiases: baseRateBiases(options.baseData ?? v, V),
    seed: options.seed ?? 0,
    onProgress: options.onProgress,
    execution: options.execution,
  });
  const F = freeEnergy(rbm, v);
  let meanNegF = 0;
  for (let n = 0; n < N; n++) meanNegF -= F[n] / N;
  const rng = new Rng((options.seed ?? 0) + 1);
  const h = bernoulli(sigmoidInPlace(hiddenInput(rbm, v, new Float32Array(N * rbm.hidden))), rng);
  const pv = visibleProbabilities(transposeWeights(rbm), rbm.b, V, rbm.hidden, h, new Float32Array(N * V));
  let err = 0;
  for (let i = 0; i < pv.length; i++) err += (v[i] - pv[i]) ** 2;
  return {
    ais_log_likelihood: meanNegF - ais.logZ,
    ais_log_likelihood_std: ais.logZStd,
    log_partition: ais.logZ,
    log_partition_std: ais.logZStd,
    log_partition_range: ais.logZRange,
    reconstruction_error: err / N,
    count: N,
    ais_runs: runs,
    ais_temperatures: K,
  };
}
