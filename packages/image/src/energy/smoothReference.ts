import type { EnergyAndGrad, EnergyFn, EnergyModel, TrainableEnergy } from '@ebm/core';

/**
 * Adds a Gaussian Markov random field reference to an energy over images:
 * E_s(x) = (λ/2)·Σ over 4-neighbour pixel pairs (p, q) of (x_p − x_q)², per channel (free boundary).
 * With it the reference distribution q(x) of the generative ConvNet, p(x) ∝ exp(f(x; θ))·q(x), is a smooth
 * Gaussian instead of white noise; when f ≡ 0 the conditional mode given the observed pixels is harmonic
 * (Laplace) interpolation, so learning f starts from that baseline instead of from white noise.
 *
 * @param energy x [N, C, H, W] → { energy [N], grad [N, C, H, W] }
 * @param lambda λ ≥ 0, precision per neighbour difference, 1 / (network units)²
 * @param shape per-sample [C, H, W]
 */
export function withSmoothReference(energy: EnergyFn, lambda: number, shape: readonly number[]): EnergyFn {
  if (lambda === 0) return energy;
  return async (x) => {
    const out = await energy(x);
    return addSmoothTerm(x, out, lambda, shape);
  };
}

/**
 * Adds E_s and ∂E_s/∂x (see {@link withSmoothReference}) to `out` in place and returns it.
 * @param x [N, C, H, W]; out.energy [N]; out.grad [N, C, H, W]
 */
export function addSmoothTerm(x: Float32Array, out: EnergyAndGrad, lambda: number, shape: readonly number[]): EnergyAndGrad {
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

/**
 * A core EnergyModel seen by the trainer with the smooth reference added: the sampler's EnergyFn and E include
 * E_s; the parameter gradient is the network's (E_s has no parameters).
 */
export class SmoothReferenceEnergy implements TrainableEnergy {
  constructor(
    readonly model: EnergyModel,
    /** λ, see {@link withSmoothReference}. */
    readonly lambda: number,
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
    if (this.lambda === 0) return energy;
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
