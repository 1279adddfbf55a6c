import type { Rng } from '../random/Rng.js';
import { ChainError } from './ChainError.js';
import { type NoiseInit, DEFAULT_NOISE, fillNoise } from './noiseChains.js';
import { decodeFloat32, encodeFloat32 } from './float32Base64.js';

/** Options of a replay buffer. */
export interface ReplayBufferOptions {
  /** Most samples held (IGEBM and JEM: 10 000). */
  capacity: number;
  /** Values per sample D. */
  dim: number;
  /** Probability that a drawn chain is replaced by fresh noise (IGEBM and JEM: 0.05); default 0.05. */
  reinitProb?: number;
  /** How fresh chains are drawn; default uniform in [−1, 1). */
  init?: NoiseInit;
  /** Which sample a push replaces once the buffer is full: the oldest ('fifo', default) or a random one. */
  overwrite?: 'fifo' | 'random';
}

/** Chains drawn from a replay buffer. */
export interface ReplayDraw {
  /** Start states [n·D], copies (sampling them in place leaves the buffer alone). */
  x: Float32Array;
  /** 1 where the chain is fresh noise, 0 where it was copied from the buffer [n]. */
  fresh: Uint8Array;
  /** The buffer slot drawn for each chain [n] (drawn for fresh chains too, as JEM writes those back there); −1 when the buffer was empty. */
  slots: Int32Array;
}

/** The JSON form of a replay buffer, as stored in a model file. */
export interface ReplayBufferState {
  format: 'ebm-replay-buffer';
  version: 1;
  capacity: number;
  dim: number;
  reinitProb: number;
  init: NoiseInit;
  overwrite: 'fifo' | 'random';
  /** Samples held. */
  size: number;
  /** Slot the next FIFO push writes. */
  next: number;
  /** The held samples [size·D] in slot order: base64 little-endian float32 (JSON), or the raw array ({@link ReplayBuffer.toState}). */
  data: string | Float32Array;
}

/**
 * The replay buffer of IGEBM (Du & Mordatch 2019) and JEM (Grathwohl et al. 2020): short-run chains start from
 * past samples, except that each drawn chain is replaced by fresh noise with probability `reinitProb` (and all are
 * fresh while the buffer is empty). Storage grows as samples arrive, up to capacity·D floats.
 *
 * @example
 * const buffer = new ReplayBuffer({ capacity: 10_000, dim: D, reinitProb: 0.05 });
 * const { x } = buffer.draw(64, rng);
 * await sgld.sample(energyFn, x, { rng });
 * buffer.push(x, rng);                                     // IGEBM; JEM instead: buffer.writeBack(x, draw.slots)
 */
export class ReplayBuffer {
  /** Most samples held. */
  readonly capacity: number;
  /** Values per sample D. */
  readonly dim: number;
  /** Probability that a drawn chain is fresh noise. */
  readonly reinitProb: number;
  /** How fresh chains are drawn. */
  readonly init: NoiseInit;
  /** Which slot a push replaces once full. */
  readonly overwrite: 'fifo' | 'random';
  private store: Float32Array;
  private count = 0;
  private next = 0;

  /** An empty buffer. @throws ChainError for a bad capacity, dim, reinitProb or overwrite. */
  constructor(options: ReplayBufferOptions) {
    const { capacity, dim } = options;
    if (!Number.isInteger(capacity) || capacity < 1) throw new ChainError(`ReplayBuffer capacity must be a whole number ≥ 1, got ${capacity}`);
    if (!Number.isInteger(dim) || dim < 1) throw new ChainError(`ReplayBuffer dim must be a whole number ≥ 1, got ${dim}`);
    const p = options.reinitProb ?? 0.05;
    if (!(p >= 0 && p <= 1)) throw new ChainError(`ReplayBuffer reinitProb must lie in [0, 1], got ${p}`);
    const overwrite = options.overwrite ?? 'fifo';
    if (overwrite !== 'fifo' && overwrite !== 'random') throw new ChainError(`ReplayBuffer overwrite must be 'fifo' or 'random', got '${overwrite}'`);
    this.capacity = capacity;
    this.dim = dim;
    this.reinitProb = p;
    this.init = { ...(options.init ?? DEFAULT_NOISE) };
    this.overwrite = overwrite;
    this.store = new Float32Array(Math.min(capacity, 64) * dim);
  }

  /** A buffer already full of noise, as JEM starts. */
  static filledWithNoise(options: ReplayBufferOptions, rng: Rng): ReplayBuffer {
    const buffer = new ReplayBuffer(options);
    buffer.push(fillNoise(new Float32Array(buffer.capacity * buffer.dim), rng, buffer.init), rng);
    return buffer;
  }

  /** Samples held. */
  get size(): number {
    return this.count;
  }

  /** The held samples [size·D] in slot order, a view (do not write). */
  get samples(): Float32Array {
    return this.store.subarray(0, this.count * this.dim);
  }

  /**
   * Start states for n chains: per chain, a slot uniform over the held samples, then fresh noise with probability
   * `reinitProb`, else a copy of that slot.
   */
  draw(n: number, rng: Rng): ReplayDraw {
    if (!Number.isInteger(n) || n < 0) throw new ChainError(`ReplayBuffer.draw needs a whole number of chains ≥ 0, got ${n}`);
    const D = this.dim;
    const x = new Float32Array(n * D);
    const fresh = new Uint8Array(n);
    const slots = new Int32Array(n).fill(-1);
    for (let k = 0; k < n; k++) {
      const out = x.subarray(k * D, k * D + D);
      if (this.count === 0) {
        fresh[k] = 1;
        fillNoise(out, rng, this.init);
        continue;
      }
      const s = rng.int(this.count);
      slots[k] = s;
      if (rng.uniform() < this.reinitProb) {
        fresh[k] = 1;
        fillNoise(out, rng, this.init);
      } else {
        out.set(this.store.subarray(s * D, s * D + D));
      }
    }
    return { x, fresh, slots };
  }

  /**
   * Adds samples (IGEBM pushes every sampled chain). While not full they are appended; once full each replaces the
   * oldest ('fifo') or a uniformly chosen slot ('random', which needs `rng`).
   * @param x samples [m·D]
   */
  push(x: Float32Array, rng?: Rng): void {
    const D = this.dim;
    if (x.length % D !== 0) throw new ChainError(`ReplayBuffer.push: ${x.length} values are not whole samples of ${D} (pass [m·${D}])`);
    const m = x.length / D;
    if (this.overwrite === 'random' && !rng && this.count + m > this.capacity) {
      throw new ChainError("ReplayBuffer.push: a full buffer with overwrite 'random' needs an rng");
    }
    this.reserve(Math.min(this.capacity, this.count + m));
    for (let k = 0; k < m; k++) {
      let slot: number;
      if (this.count < this.capacity) {
        slot = this.count++;
        this.next = this.count % this.capacity;
      } else if (this.overwrite === 'fifo') {
        slot = this.next;
        this.next = (this.next + 1) % this.capacity;
      } else {
        slot = rng!.int(this.capacity);
      }
      this.store.set(x.subarray(k * D, k * D + D), slot * D);
    }
  }

  /**
   * Writes sampled chains back to the slots they were drawn from (JEM); chains with slot −1 (drawn from an empty
   * buffer) are pushed instead.
   * @param x samples [n·D]
   * @param slots [n], as returned by `draw`
   */
  writeBack(x: Float32Array, slots: Int32Array, rng?: Rng): void {
    const D = this.dim;
    if (x.length !== slots.length * D) throw new ChainError(`ReplayBuffer.writeBack: ${x.length} values for ${slots.length} slots of ${D}`);
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k];
      const row = x.subarray(k * D, k * D + D);
      if (s < 0) this.push(row, rng);
      else if (s < this.count) this.store.set(row, s * D);
      else throw new ChainError(`ReplayBuffer.writeBack: slot ${s} is outside the ${this.count} held samples`);
    }
  }

  /** The JSON-serialisable state: options, counters and the held samples. */
  toJSON(): ReplayBufferState {
    return { ...this.header(), data: encodeFloat32(this.samples) };
  }

  private header(): Omit<ReplayBufferState, 'data'> {
    return {
      format: 'ebm-replay-buffer',
      version: 1,
      capacity: this.capacity,
      dim: this.dim,
      reinitProb: this.reinitProb,
      init: { ...this.init },
      overwrite: this.overwrite,
      size: this.count,
      next: this.next,
    };
  }

  /** The state with the samples as a raw Float32Array copy (model files store it as a tensor, not as text). */
  toState(): ReplayBufferState {
    return { ...this.header(), data: this.samples.slice() };
  }

  /** Restores a buffer from {@link ReplayBuffer.toJSON}; later draws and pushes match the original's. */
  static fromJSON(state: ReplayBufferState): ReplayBuffer {
    if (state?.format !== 'ebm-replay-buffer' || state.version !== 1) {
      throw new ChainError(`not a replay buffer of format version 1 (got format ${state?.format}, version ${state?.version})`);
    }
    const buffer = new ReplayBuffer(state);
    if (!Number.isInteger(state.size) || state.size < 0 || state.size > state.capacity || !(state.next >= 0 && state.next < state.capacity)) {
      throw new ChainError(`replay buffer state holds ${state.size} samples (next ${state.next}) for capacity ${state.capacity}; the file is damaged`);
    }
    const data = rawOrDecoded(state.data, state.size * state.dim);
    buffer.reserve(state.size);
    buffer.store.set(data);
    buffer.count = state.size;
    buffer.next = state.next;
    return buffer;
  }

  /** Grows storage (doubling) to hold at least `samples` samples. */
  private reserve(samples: number): void {
    if (samples * this.dim <= this.store.length) return;
    let cap = Math.max(1, this.store.length / this.dim);
    while (cap < samples) cap *= 2;
    const grown = new Float32Array(Math.min(cap, this.capacity) * this.dim);
    grown.set(this.store.subarray(0, this.count * this.dim));
    this.store = grown;
  }
}

/** Samples from a state's `data`: decoded base64, or the raw array after a length check. */
export function rawOrDecoded(data: string | Float32Array, expected: number): Float32Array {
  if (typeof data === 'string') return decodeFloat32(data, expected);
  if (!(data instanceof Float32Array) || data.length !== expected) {
    throw new ChainError(`chain state holds ${data?.length} values where ${expected} were expected; the file is damaged`);
  }
  return data.slice();
}
