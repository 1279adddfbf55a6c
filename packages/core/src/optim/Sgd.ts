import type { Optimizer, OptimizerState } from './Optimizer.js';

/** SGD with optional momentum on a flat parameter vector θ [P]. */
export class Sgd implements Optimizer {
  readonly name = 'sgd' as const;
  lr: number;
  readonly momentum: number;
  private t = 0;
  private readonly velocity: Float32Array;

  constructor(size: number, opts: { lr?: number; momentum?: number } = {}) {
    this.lr = opts.lr ?? 1e-2;
    this.momentum = opts.momentum ?? 0;
    this.velocity = new Float32Array(size);
  }

  /** Restores an optimiser saved by {@link Sgd.state}. */
  static fromState(s: OptimizerState): Sgd {
    const o = new Sgd(s.buffers[0].length, s.hyper);
    o.t = s.step;
    o.velocity.set(s.buffers[0]);
    return o;
  }

  /** v ← μv + g; θ ← θ − lr·v. */
  step(theta: Float32Array, grad: Float32Array): void {
    this.t++;
    const { momentum: mu, velocity: v, lr } = this;
    for (let i = 0; i < theta.length; i++) {
      v[i] = mu * v[i] + grad[i];
      theta[i] -= lr * v[i];
    }
  }

  state(): OptimizerState {
    return { name: 'sgd', hyper: { lr: this.lr, momentum: this.momentum }, step: this.t, buffers: [this.velocity.slice()] };
  }
}
