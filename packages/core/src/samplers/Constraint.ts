import { SamplerError } from './SamplerError.js';

/**
 * A hard constraint on chain states, applied in place to x [N·D] after every update (Langevin) or to every
 * proposal before its energy is evaluated (MALA, HMC, MH).
 *
 * Masks keep MH-type samplers exact: they declare the entries they hold in `fixed`, and MALA/HMC then leave those
 * entries out of the proposal density and the momentum, which makes the chain sample p(x_free | x_observed).
 * Projections and clamping change the proposal kernel without a matching correction, so with them MALA, HMC and
 * MH are approximate (as unadjusted Langevin always is).
 */
export interface Constraint {
  /** Applies the constraint to x [N·D] in place. */
  apply(x: Float32Array): void;
  /**
   * Entries this constraint holds at fixed values (nonzero = fixed), with period `fixed.length`: entry i of x is
   * fixed when fixed[i % fixed.length] is nonzero. Absent for constraints that move every entry.
   */
  readonly fixed?: Uint8Array;
}

/** A constraint object, or a bare projection hook `(x) => void` that edits x [N·D] in place. */
export type ConstraintLike = Constraint | ((x: Float32Array) => void);

/**
 * Keeps observed entries at given values (recovery, inpainting): after every step x[i] = values[i] wherever
 * mask[i] is nonzero, so observed entries stay bit-identical to `values`.
 * @param mask 1 = observed, 0 = free; length D (one mask for every sample) or N·D
 * @param values the observed values; length D or N·D (any length that divides x's), read where mask is nonzero
 */
export function observedMask(mask: ArrayLike<number>, values: Float32Array): Constraint {
  if (mask.length === 0) throw new SamplerError('observedMask: the mask is empty');
  if (values.length % mask.length !== 0 && mask.length % values.length !== 0) {
    throw new SamplerError(
      `observedMask: mask of ${mask.length} entries and values of ${values.length} do not tile each other (pass both as [D] or [N·D])`,
    );
  }
  const fixed = new Uint8Array(mask.length);
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) (fixed[i] = 1), count++;
  const observed = new Int32Array(count);
  for (let i = 0, k = 0; i < mask.length; i++) if (fixed[i]) observed[k++] = i;
  const period = mask.length;
  const vLen = values.length;
  return {
    fixed,
    apply(x: Float32Array): void {
      if (x.length % period !== 0 || x.length % vLen !== 0) {
        throw new SamplerError(
          `observedMask: mask of ${period} and values of ${vLen} entries do not divide a state of ${x.length} (pass them as [D] or [N·D])`,
        );
      }
      for (let o = 0; o < x.length; o += period) {
        for (let k = 0; k < observed.length; k++) {
          const i = o + observed[k];
          x[i] = values[i % vLen];
        }
      }
    },
  };
}

/**
 * Clamps every entry to [lo, hi] (IGEBM clamps images to [0, 1] after each step).
 * @param lo lower bound, in data units
 * @param hi upper bound, in data units, ≥ lo
 */
export function clampRange(lo: number, hi: number): Constraint {
  if (!(lo <= hi)) throw new SamplerError(`clampRange: lo ${lo} must not exceed hi ${hi}`);
  return {
    apply(x: Float32Array): void {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        x[i] = v < lo ? lo : v > hi ? hi : v;
      }
    },
  };
}

/**
 * An ordered list of constraints applied as one. Used by the samplers; exported for custom samplers.
 */
export class ConstraintSet {
  private readonly list: Constraint[];

  /** @param constraints applied in this order */
  constructor(constraints: readonly ConstraintLike[] = []) {
    this.list = constraints.map((c) => (typeof c === 'function' ? { apply: c } : c));
  }

  /** True when there is nothing to apply. */
  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Applies every constraint to x [N·D] in order. */
  apply(x: Float32Array): void {
    for (const c of this.list) c.apply(x);
  }

  /**
   * 1 for free entries and 0 for entries some constraint holds fixed, over a state of `length` values [N·D];
   * null when nothing is fixed.
   */
  freeMask(length: number): Float32Array | null {
    let free: Float32Array | null = null;
    for (const c of this.list) {
      const f = c.fixed;
      if (!f) continue;
      if (length % f.length !== 0) {
        throw new SamplerError(`a mask of ${f.length} entries does not divide a state of ${length} values (pass it as [D] or [N·D])`);
      }
      free ??= new Float32Array(length).fill(1);
      for (let o = 0; o < length; o += f.length) for (let i = 0; i < f.length; i++) if (f[i]) free[o + i] = 0;
    }
    return free;
  }
}
