import type { EnergyAndGrad, EnergyFn } from '../samplers/EnergyFn.js';

/**
 * Precision of the differences between neighbours along one spatial axis, 1/(units)²: a number λ (each channel on
 * its own, ½·λ·d² per channel and neighbour pair) or a C×C symmetric positive semi-definite matrix P, row-major
 * (½·dᵀPd with d the C-vector of channel differences of the pair, which couples the channels).
 */
export type AxisPrecision = number | readonly number[];

/**
 * A Gaussian Markov random field reference over tensors [N, C, ...spatial] (any number of spatial axes), free
 * boundaries:
 *
 *   E_s(x) = ½·Σ_a Σ_(p, p+e_a) dᵀ·P_a·d  +  ½·Σ_a κ_a·Σ_p Σ_c (x(p − e_a) − 2·x(p) + x(p + e_a))²,
 *
 * with d = x(p + e_a) − x(p) the channel vector of a neighbour difference along axis a, P_a its precision
 * ({@link AxisPrecision}) and κ_a the precision of second differences along a (smooth change: a temporal curvature
 * continues a slope instead of bending it). Cases: images [C, H, W] with one λ or one C×C matrix on both axes
 * (`{ axes: [λ, λ] }`); videos [C, T, H, W] with λ_t along time, λ_s within frames and a curvature along time
 * (`{ axes: [λ_t, λ_s, λ_s], curvature: [κ_t, 0, 0] }`).
 *
 * Added to a network's energy it makes the reference distribution a smooth Gaussian instead of white noise: with the
 * network at zero the conditional mode given observed entries is (anisotropic) harmonic interpolation.
 */
export interface SmoothReference {
  /** One precision per spatial axis, in the tensor's order; 0 = no coupling along that axis. */
  readonly axes: readonly AxisPrecision[];
  /** κ_a per spatial axis on squared second differences, 1/(units)²; omitted or 0 = none. */
  readonly curvature?: readonly number[];
}

/** Whether every term of the reference is 0 (then it adds nothing). */
export function isSmoothReferenceOff(r: SmoothReference): boolean {
  const zero = (p: AxisPrecision): boolean => (typeof p === 'number' ? p === 0 : p.every((v) => v === 0));
  return r.axes.every(zero) && (r.curvature ?? []).every((k) => k === 0);
}

/**
 * Upper bound on the largest eigenvalue of a precision per difference: λ itself, or the largest absolute row sum of
 * P (Gershgorin), 1/(units)².
 */
export function axisPrecisionScale(p: AxisPrecision): number {
  if (typeof p === 'number') return p;
  const C = Math.round(Math.sqrt(p.length));
  let worst = 0;
  for (let a = 0; a < C; a++) {
    let row = 0;
    for (let b = 0; b < C; b++) row += Math.abs(p[a * C + b]);
    worst = Math.max(worst, row);
  }
  return worst;
}

/**
 * Upper bound on the curvature of E_s in its stiffest direction (a checkerboard), 1/(units)²: Σ_a 4·scale(P_a) +
 * 16·κ_a (the first- and second-difference operators of a path have eigenvalues below 4 and 16). A Langevin or
 * gradient step must stay below about 2/stiffness in its gradient coefficient to be stable.
 */
export function smoothReferenceStiffness(r: SmoothReference): number {
  let s = 0;
  for (const p of r.axes) s += 4 * axisPrecisionScale(p);
  for (const k of r.curvature ?? []) s += 16 * k;
  return s;
}

/**
 * Adds E_s and ∂E_s/∂x (see {@link SmoothReference}) to `out` in place and returns it.
 * @param x [N, C, ...spatial], flat.
 * @param out energy [N] and grad [N, C, ...spatial] to add to.
 * @param shape per-sample [C, ...spatial].
 * @throws RangeError when the reference has another number of axes than `shape` has spatial axes, or a matrix is
 *   not C×C.
 */
export function addSmoothReference(x: Float32Array, out: EnergyAndGrad, r: SmoothReference, shape: readonly number[]): EnergyAndGrad {
  const [C, ...spatial] = shape;
  checkReference(r, C, spatial.length);
  let S = 1;
  for (const n of spatial) S *= n;
  const D = C * S;
  const N = x.length / D;
  for (let n = 0; n < N; n++) {
    let e = 0;
    let inner = S;
    for (let a = 0; a < spatial.length; a++) {
      const len = spatial[a];
      inner /= len;
      const p = r.axes[a];
      if (typeof p === 'number') {
        if (p !== 0) for (let c = 0; c < C; c++) e += firstDifferences(x, out.grad, n * D + c * S, S, len, inner, p);
      } else if (p.some((v) => v !== 0)) {
        e += coupledFirstDifferences(x, out.grad, n * D, S, C, len, inner, p);
      }
      const k = r.curvature?.[a] ?? 0;
      if (k !== 0) for (let c = 0; c < C; c++) e += secondDifferences(x, out.grad, n * D + c * S, S, len, inner, k);
    }
    out.energy[n] += 0.5 * e;
  }
  return out;
}

/**
 * An energy with the smooth reference added: x [N, C, ...spatial] → E + E_s, ∂E/∂x + ∂E_s/∂x (the energy itself
 * when the reference is off).
 * @param shape per-sample [C, ...spatial].
 */
export function withSmoothReference(energy: EnergyFn, r: SmoothReference, shape: readonly number[]): EnergyFn {
  if (isSmoothReferenceOff(r)) return energy;
  return async (x) => addSmoothReference(x, await energy(x), r, shape);
}

/**
 * λ·Σ d² over the neighbour pairs along one axis of one channel block (its gradient added to `grad`).
 * @param base offset of the channel block [...spatial] of size S; `len` the axis length, `inner` its stride.
 */
function firstDifferences(x: Float32Array, grad: Float32Array, base: number, S: number, len: number, inner: number, lambda: number): number {
  let e = 0;
  const span = len * inner;
  for (let o = base; o < base + S; o += span) {
    for (let i = o, end = o + span - inner; i < end; i++) {
      const d = x[i + inner] - x[i];
      const g = lambda * d;
      grad[i + inner] += g;
      grad[i] -= g;
      e += g * d;
    }
  }
  return e;
}

/** κ·Σ (second difference)² along one axis of one channel block (its gradient added to `grad`). */
function secondDifferences(x: Float32Array, grad: Float32Array, base: number, S: number, len: number, inner: number, kappa: number): number {
  let e = 0;
  const span = len * inner;
  for (let o = base; o < base + S; o += span) {
    for (let i = o + inner, end = o + span - inner; i < end; i++) {
      const d = x[i - inner] - 2 * x[i] + x[i + inner];
      const g = kappa * d;
      grad[i - inner] += g;
      grad[i] -= 2 * g;
      grad[i + inner] += g;
      e += g * d;
    }
  }
  return e;
}

/** Scratch channel difference for {@link coupledFirstDifferences}, grown to the largest C seen. */
let difference = new Float64Array(0);

/** Σ dᵀPd over the neighbour pairs along one axis of one sample [C, ...spatial] at `base` (gradient Pd added). */
function coupledFirstDifferences(x: Float32Array, grad: Float32Array, base: number, S: number, C: number, len: number, inner: number, P: readonly number[]): number {
  if (difference.length < C) difference = new Float64Array(C);
  const d = difference;
  let e = 0;
  const span = len * inner;
  for (let o = 0; o < S; o += span) {
    for (let p = o, end = o + span - inner; p < end; p++) {
      for (let a = 0; a < C; a++) d[a] = x[base + a * S + p + inner] - x[base + a * S + p];
      for (let a = 0; a < C; a++) {
        let pd = 0;
        for (let b = 0; b < C; b++) pd += P[a * C + b] * d[b];
        e += d[a] * pd;
        grad[base + a * S + p + inner] += pd;
        grad[base + a * S + p] -= pd;
      }
    }
  }
  return e;
}

function checkReference(r: SmoothReference, C: number, axes: number): void {
  if (r.axes.length !== axes) {
    throw new RangeError(`the smooth reference has precisions for ${r.axes.length} axes; tensors with ${axes} spatial axes need ${axes}`);
  }
  if (r.curvature && r.curvature.length !== axes) {
    throw new RangeError(`the smooth reference has curvatures for ${r.curvature.length} axes; tensors with ${axes} spatial axes need ${axes} (or none)`);
  }
  for (const p of r.axes) {
    if (typeof p !== 'number' && p.length !== C * C) {
      throw new RangeError(`a smooth reference precision has ${p.length} entries; tensors with ${C} channel(s) need ${C * C} (a ${C}×${C} matrix) or one number`);
    }
  }
}
