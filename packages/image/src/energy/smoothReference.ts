import type { EnergyAndGrad, EnergyFn, EnergyModel, TrainableEnergy } from '@ebm/core';

/**
 * Precision of the smooth reference: a scalar λ (the same for every channel, channels independent) or a C×C
 * matrix P (row-major) coupling the channels of each neighbour difference, 1/(network units)².
 */
export type Smoothness = number | readonly number[];

/** Whether the smooth reference is off (λ = 0 or P = 0). */
export function isSmoothnessOff(s: Smoothness): boolean {
  return typeof s === 'number' ? s === 0 : s.every((v) => v === 0);
}

/**
 * Upper bound on the largest eigenvalue of the smooth reference's precision per difference (λ, or the largest
 * absolute row sum of P, Gershgorin), 1/(network units)². The stiffest direction of the whole reference is a
 * checkerboard along it, with curvature 8 times this.
 */
export function smoothnessScale(s: Smoothness): number {
  if (typeof s === 'number') return s;
  const C = Math.round(Math.sqrt(s.length));
  let worst = 0;
  for (let a = 0; a < C; a++) {
    let row = 0;
    for (let b = 0; b < C; b++) row += Math.abs(s[a * C + b]);
    worst = Math.max(worst, row);
  }
  return worst;
}

/**
 * Adds a Gaussian Markov random field reference to an energy over images:
 * E_s(x) = (1/2)·Σ over 4-neighbour pixel pairs (p, q) of dᵀPd, d = x_q − x_p the C-vector of channel differences
 * (free boundary); a scalar λ means P = λI, i.e. (λ/2)·Σ(x_p − x_q)² per channel.
 * With it the reference distribution q(x) of the generative ConvNet, p(x) ∝ exp(f(x; θ))·q(x), is a smooth
 * Gaussian instead of white noise; when f ≡ 0 the conditional mode given the observed pixels is harmonic
 * (Laplace) interpolation, so learning f starts from that baseline instead of from white noise.
 *
 * @param energy x [N, C, H, W] → { energy [N], grad [N, C, H, W] }
 * @param smoothness λ ≥ 0 or P (C×C, symmetric positive semi-definite), 1 / (network units)²
 * @param shape per-sample [C, H, W]
 */
export function withSmoothReference(energy: EnergyFn, smoothness: Smoothness, shape: readonly number[]): EnergyFn {
  if (isSmoothnessOff(smoothness)) return energy;
  return async (x) => {
    const out = await energy(x);
    return addSmoothTerm(x, out, smoothness, shape);
  };
}

/**
 * Adds E_s and ∂E_s/∂x (see {@link withSmoothReference}) to `out` in place and returns it.
 * @param x [N, C, H, W]; out.energy [N]; out.grad [N, C, H, W]
 * @throws RangeError when a matrix P is not C×C.
 */
export function addSmoothTerm(x: Float32Array, out: EnergyAndGrad, smoothness: Smoothness, shape: readonly number[]): EnergyAndGrad {
  if (typeof smoothness !== 'number') return addCoupledSmoothTerm(x, out, smoothness, shape);
  const lambda = smoothness;
  const [C, H, W] = shape;
  const D = C * H * W;
  const N = x.length / D;
  const { energy, grad } = out;
  for (let n = 0; n < N; n++) {
    let e = 0;
    for (let c = 0; c < C; c++) {
      const base = n * D + c * H * W;
      for (let y = 0; y < H; y++) {
        const row = base + y * W;
        for (let i = row, end = row + W - 1; i < end; i++) {
          const d = x[i + 1] - x[i];
          e += d * d;
          grad[i + 1] += lambda * d;
          grad[i] -= lambda * d;
        }
        if (y + 1 < H) {
          for (let i = row, end = row + W; i < end; i++) {
            const d = x[i + W] - x[i];
            e += d * d;
            grad[i + W] += lambda * d;
            grad[i] -= lambda * d;
          }
        }
      }
    }
    energy[n] += 0.5 * lambda * e;
  }
  return out;
}

/** The matrix form of {@link addSmoothTerm}: (1/2)·dᵀPd per neighbour pair, ∂/∂x_q = Pd, ∂/∂x_p = −Pd. */
function addCoupledSmoothTerm(x: Float32Array, out: EnergyAndGrad, P: readonly number[], shape: readonly number[]): EnergyAndGrad {
  const [C, H, W] = shape;
  if (P.length !== C * C) throw new RangeError(`smooth reference precision has ${P.length} entries; images with ${C} channel(s) need ${C * C} (a ${C}×${C} matrix) or one number`);
  const plane = H * W;
  const D = C * plane;
  const N = x.length / D;
  const { energy, grad } = out;
  const d = new Float64Array(C);
  const pair = (base: number, p: number, q: number): number => {
    for (let a = 0; a < C; a++) d[a] = x[base + a * plane + q] - x[base + a * plane + p];
    let e = 0;
    for (let a = 0; a < C; a++) {
      let pd = 0;
      for (let b = 0; b < C; b++) pd += P[a * C + b] * d[b];
      e += d[a] * pd;
      grad[base + a * plane + q] += pd;
      grad[base + a * plane + p] -= pd;
    }
    return e;
  };
  for (let n = 0; n < N; n++) {
    const base = n * D;
    let e = 0;
    for (let y = 0; y < H; y++) {
      for (let x0 = 0; x0 < W; x0++) {
        const p = y * W + x0;
        if (x0 + 1 < W) e += pair(base, p, p + 1);
        if (y + 1 < H) e += pair(base, p, p + W);
      }
    }
    energy[n] += 0.5 * e;
  }
  return out;
}

/**
 * A core EnergyModel seen by the trainer with the smooth reference added: the sampler's EnergyFn and E include
 * E_s; the parameter gradient is the network's (E_s has no parameters).
 */
export class SmoothReferenceEnergy implements TrainableEnergy {
  constructor(
    readonly model: EnergyModel,
    /** λ or P, see {@link withSmoothReference}. */
    readonly lambda: Smoothness,
  ) {}

  get theta(): Float32Array {
    return this.model.theta;
  }

  get inputShape(): number[] {
    return this.model.inputShape;
  }

  /** E(x) [N] for x [N, C, H, W] at the training size. */
  async energy(x: Float32Array): Promise<Float32Array> {
    const energy = Float32Array.from(await this.model.energy(x));
    if (isSmoothnessOff(this.lambda)) return energy;
    return addSmoothTerm(x, { energy, grad: new Float32Array(x.length) }, this.lambda, this.model.inputShape).energy;
  }

  /** The sampler's view at the training size, or at another [C, H, W] (fully convolutional nets). */
  energyFn(inShape: number[] = this.model.inputShape): EnergyFn {
    return withSmoothReference(this.model.energyFn(inShape), this.lambda, inShape);
  }

  paramGrad(x: Float32Array, weights: Float32Array, inShape?: number[], out?: Float32Array): Promise<{ energy: Float32Array; grad: Float32Array }> {
    return this.model.paramGrad(x, weights, inShape, out);
  }
}
