import type { GraphBuilder } from '../graph/GraphBuilder.js';
import { logSumExp, logsumexpReadout } from './logsumexpReadout.js';

/**
 * Cross-entropy of a classifier's logits f [N, K] against target rows t [N, K]:
 * CE = (Σ_k t_k)·logsumexp(f) − Σ_k t_k f_k, which is −log p(y | x) for a one-hot row (and that loss times c for a
 * row c·onehot, so per-sample weights ride in the targets). In JEM's terms CE = E(x, y) − E(x).
 * Backward: ∂CE/∂f = (Σ_k t_k)·softmax(f) − t.
 */
export const crossEntropy = {
  /** Emits CE [N] from logits [N, K] and targets [N, K]. */
  forward(g: GraphBuilder, logits: string, targets: string): string {
    const mass = g.op('ReduceSum', [targets, g.constInt64([1])], { keepdims: 0 });
    const lse = g.op('Neg', [logsumexpReadout.forward(g, logits)]);
    const picked = g.op('ReduceSum', [g.op('Mul', [logits, targets]), g.constInt64([1])], { keepdims: 0 });
    return g.op('Sub', [g.op('Mul', [mass, lse]), picked]);
  },

  /** Emits ∂CE/∂f = (Σ_k t_k)·softmax(f) − t [N, K]. */
  backward(g: GraphBuilder, logits: string, targets: string): string {
    const mass = g.op('ReduceSum', [targets, g.constInt64([1])], { keepdims: 1 });
    return g.op('Sub', [g.op('Mul', [mass, logsumexpReadout.softmax(g, logits)]), targets]);
  },

  /**
   * Float64 CE per sample.
   * @param logits [N·K]
   * @param targets [N·K]
   * @returns [N]
   */
  reference(logits: Float64Array, targets: ArrayLike<number>, batch: number, classes: number): Float64Array {
    const ce = new Float64Array(batch);
    for (let n = 0; n < batch; n++) {
      let mass = 0;
      let picked = 0;
      for (let k = 0; k < classes; k++) {
        mass += targets[n * classes + k];
        picked += targets[n * classes + k] * logits[n * classes + k];
      }
      ce[n] = mass * logSumExp(logits, n * classes, classes) - picked;
    }
    return ce;
  },
};
