import type { Rng } from '../random/Rng.js';
import { ChainError } from './ChainError.js';

/** Which data samples start the chains. */
export interface DataChainsOptions {
  /** Explicit sample indices, one chain each. */
  indices?: ArrayLike<number>;
  /** Number of chains drawn uniformly with replacement (needs `rng`). */
  n?: number;
  /** Source of the random indices. */
  rng?: Rng;
}

/**
 * Chains started at data (contrastive divergence, recovery from a corrupted input): copies, never views, so the
 * samplers, which update in place, leave the data untouched. Without `indices` or `n` every sample is copied.
 * @param data [M·D], sample-major
 * @param dim values per sample D
 * @returns [N·D]
 */
export function dataChains(data: Float32Array, dim: number, options: DataChainsOptions = {}): Float32Array {
  if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0) {
    throw new ChainError(`dataChains: ${data.length} values are not whole samples of ${dim} (pass data as [M·D])`);
  }
  const M = data.length / dim;
  let indices = options.indices;
  if (!indices && options.n !== undefined) {
    if (!options.rng) throw new ChainError('dataChains: drawing n random samples needs an rng');
    if (M === 0) throw new ChainError('dataChains: cannot draw chains from an empty data set');
    const idx = new Int32Array(options.n);
    for (let k = 0; k < idx.length; k++) idx[k] = options.rng.int(M);
    indices = idx;
  }
  if (!indices) return Float32Array.from(data);
  const out = new Float32Array(indices.length * dim);
  for (let k = 0; k < indices.length; k++) {
    const m = indices[k];
    if (!Number.isInteger(m) || m < 0 || m >= M) throw new ChainError(`dataChains: index ${m} is outside the ${M} data samples`);
    out.set(data.subarray(m * dim, m * dim + dim), k * dim);
  }
  return out;
}
