import type { Rng } from '../random/Rng.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';
import type { Sampler, SampleOptions, SampleResult } from '../samplers/Sampler.js';
import { ChainError } from './ChainError.js';
import { type NoiseInit, DEFAULT_NOISE, noiseChains } from './noiseChains.js';
import { dataChains } from './dataChains.js';
import { encodeFloat32 } from './float32Base64.js';
import { rawOrDecoded } from './ReplayBuffer.js';

/** The JSON form of a persistent chain set, as stored in a model file. */
export interface PersistentChainsState {
  format: 'ebm-persistent-chains';
  version: 1;
  /** Number of chains N. */
  chains: number;
  /** Values per sample D. */
  dim: number;
  /** Runs advanced so far. */
  iterations: number;
  /** States [N·D]: base64 little-endian float32 (JSON), or the raw array ({@link PersistentChains.toState}). */
  data: string | Float32Array;
}

/**
 * A chain set kept across training iterations (persistent contrastive divergence, Tieleman 2008; the persistent
 * chains of Xie et al.): each `advance` continues from where the last one stopped.
 */
export class PersistentChains {
  /** The chain states [N·D], updated in place by `advance`. */
  readonly x: Float32Array;
  /** Values per sample D. */
  readonly dim: number;
  /** Runs advanced so far. */
  iterations = 0;

  /**
   * @param x initial states [N·D]; the set keeps this array (no copy)
   * @param dim values per sample D
   */
  constructor(x: Float32Array, dim: number) {
    if (!Number.isInteger(dim) || dim < 1 || x.length % dim !== 0) {
      throw new ChainError(`PersistentChains: ${x.length} values are not whole samples of ${dim} (pass x as [N·D])`);
    }
    this.x = x;
    this.dim = dim;
  }

  /** N chains started from noise. */
  static fromNoise(n: number, dim: number, rng: Rng, init: NoiseInit = DEFAULT_NOISE): PersistentChains {
    return new PersistentChains(noiseChains(n, dim, rng, init), dim);
  }

  /** N chains started at copies of n data samples drawn with replacement. */
  static fromData(data: Float32Array, dim: number, n: number, rng: Rng): PersistentChains {
    return new PersistentChains(dataChains(data, dim, { n, rng }), dim);
  }

  /** Number of chains N. */
  get chains(): number {
    return this.x.length / this.dim;
  }

  /** Runs the sampler on the chain set in place and counts the iteration. */
  async advance(sampler: Sampler, energy: EnergyFn, options: SampleOptions): Promise<SampleResult> {
    const result = await sampler.sample(energy, this.x, options);
    this.iterations++;
    return result;
  }

  /** The JSON-serialisable state. */
  toJSON(): PersistentChainsState {
    return { format: 'ebm-persistent-chains', version: 1, chains: this.chains, dim: this.dim, iterations: this.iterations, data: encodeFloat32(this.x) };
  }

  /** The state with the chains as a raw Float32Array copy (model files store it as a tensor, not as text). */
  toState(): PersistentChainsState {
    return { format: 'ebm-persistent-chains', version: 1, chains: this.chains, dim: this.dim, iterations: this.iterations, data: this.x.slice() };
  }

  /** Restores a chain set from {@link PersistentChains.toJSON}, bit-identical. */
  static fromJSON(state: PersistentChainsState): PersistentChains {
    if (state?.format !== 'ebm-persistent-chains' || state.version !== 1) {
      throw new ChainError(`not a persistent chain set of format version 1 (got format ${state?.format}, version ${state?.version})`);
    }
    const chains = new PersistentChains(rawOrDecoded(state.data, state.chains * state.dim), state.dim);
    chains.iterations = state.iterations;
    return chains;
  }
}
