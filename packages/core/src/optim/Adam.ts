import type { Optimizer, OptimizerState } from './Optimizer.js';

/** Adam hyper-parameters (Kingma & Ba); defaults as in PyTorch. */
export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Adam on a flat parameter vector θ [P]; the moments are Float32Arrays [P]. */
export class Adam implements Optimizer {
  readonly name = 'adam' as const;
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  private t = 0;
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(size: number, opts: AdamOptions = {}) {
    this.lr = opts.lr ?? 1e-3;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Restores an optimiser saved by {@link Adam.state}. */
  static fromState(s: OptimizerState): Adam {
    const a = new Adam(s.buffers[0].length, s.hyper);
    a.t = s.step;
    a.m.set(s.buffers[0]);
    a.v.set(s.buffers[1]);
    return a;
  }

  /** θ ← θ − lr·m̂/(√v̂ + ε), with bias-corrected moments. */
  step(theta: Float32Array, grad: Float32Array): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps, m, v } = this;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = Math.sqrt(1 - Math.pow(b2, this.t));
    // lr/c1 · m / (√v/c2 + ε) = a · m / (√v + e): one division per element less (13 → 10 ms for 2.8M θ).
    const a = (this.lr / c1) * c2;
    const e = eps * c2;
    const o1 = 1 - b1;
    const o2 = 1 - b2;
    const n = theta.length;
    for (let i = 0; i < n; i++) {
      const gi = grad[i];
      const mi = b1 * m[i] + o1 * gi;
      const vi = b2 * v[i] + o2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      theta[i] -= (a * mi) / (Math.sqrt(vi) + e);
    }
  }

  state(): OptimizerState {
    return {
      name: 'adam',
      hyper: { lr: this.lr, beta1: this.beta1, beta2: this.beta2, eps: this.eps },
      step: this.t,
      buffers: [this.m.slice(), this.v.slice()],
    };
  }
}
