// Test-only: an analytic energy family the trainer can learn, with a known answer.
import type { EnergyFn } from '../../samplers/EnergyFn.js';
import type { TrainableEnergy } from '../TrainableEnergy.js';

/**
 * E(x) = Σᵢ (xᵢ − μᵢ)² / (2·exp(2sᵢ)) on x ∈ ℝᴰ, with learnable mean μ [D] and log-std s [D]; θ = [μ; s] [2D].
 * No normaliser: MCMC-MLE's gradient mean ∂E/∂θ(data) − mean ∂E/∂θ(samples) vanishes exactly when the model's
 * mean and variance equal the data's (the log-partition term is what the model samples stand for), so training on
 * draws from N(μ*, diag σ*²) must recover μ* and σ*.
 *
 * ∂E/∂μᵢ = −(xᵢ − μᵢ)/σᵢ², ∂E/∂sᵢ = −(xᵢ − μᵢ)²/σᵢ², ∂E/∂xᵢ = (xᵢ − μᵢ)/σᵢ², σᵢ = exp(sᵢ).
 * Sums are taken in float64 and stored as float32, like the compiled networks' outputs.
 */
export class GaussianFamily implements TrainableEnergy {
  readonly theta: Float32Array;
  readonly inputShape: number[];

  /** @param mu initial μ [D]; @param logStd initial s [D] (default 0, σ = 1) */
  constructor(
    readonly dim: number,
    mu: ArrayLike<number> = new Float32Array(dim),
    logStd: ArrayLike<number> = new Float32Array(dim),
  ) {
    this.theta = new Float32Array(2 * dim);
    this.theta.set(Array.from(mu), 0);
    this.theta.set(Array.from(logStd), dim);
    this.inputShape = [dim];
  }

  /** Current μ [D] (a copy). */
  get mu(): Float64Array {
    return Float64Array.from(this.theta.subarray(0, this.dim));
  }

  /** Current σ = exp(s) [D]. */
  get sigma(): Float64Array {
    return Float64Array.from(this.theta.subarray(this.dim), Math.exp);
  }

  async energy(x: Float32Array): Promise<Float32Array> {
    return this.evaluate(x).energy;
  }

  energyFn(): EnergyFn {
    return async (x) => this.evaluate(x);
  }

  async paramGrad(x: Float32Array, weights: Float32Array, _inShape?: number[], out?: Float32Array): Promise<{ energy: Float32Array; grad: Float32Array }> {
    const D = this.dim;
    const N = x.length / D;
    if (!Number.isInteger(N) || weights.length !== N) throw new RangeError(`${x.length} values and ${weights.length} weights for samples of ${D}`);
    const gMu = new Float64Array(D);
    const gS = new Float64Array(D);
    const energy = new Float32Array(N);
    for (let n = 0; n < N; n++) {
      let e = 0;
      for (let i = 0; i < D; i++) {
        const inv = Math.exp(-2 * this.theta[D + i]);
        const r = x[n * D + i] - this.theta[i];
        e += 0.5 * r * r * inv;
        gMu[i] -= weights[n] * r * inv;
        gS[i] -= weights[n] * r * r * inv;
      }
      energy[n] = e;
    }
    const grad = out ?? new Float32Array(2 * D);
    for (let i = 0; i < D; i++) {
      grad[i] = gMu[i];
      grad[D + i] = gS[i];
    }
    return { energy, grad };
  }

  private evaluate(x: Float32Array): { energy: Float32Array; grad: Float32Array } {
    const D = this.dim;
    const N = x.length / D;
    const energy = new Float32Array(N);
    const grad = new Float32Array(x.length);
    for (let n = 0; n < N; n++) {
      let e = 0;
      for (let i = 0; i < D; i++) {
        const inv = Math.exp(-2 * this.theta[D + i]);
        const r = x[n * D + i] - this.theta[i];
        e += 0.5 * r * r * inv;
        grad[n * D + i] = r * inv;
      }
      energy[n] = e;
    }
    return { energy, grad };
  }
}

/** n draws [n·D] from N(mean, diag std²), seeded. */
export function gaussianData(n: number, mean: readonly number[], std: readonly number[], rng: { normal(): number }): Float32Array {
  const D = mean.length;
  const out = new Float32Array(n * D);
  for (let k = 0; k < n; k++) for (let i = 0; i < D; i++) out[k * D + i] = mean[i] + std[i] * rng.normal();
  return out;
}
