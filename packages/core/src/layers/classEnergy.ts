import type { GraphBuilder } from '../graph/GraphBuilder.js';

/**
 * The class-conditional energy of a classifier read as an EBM (JEM): E(x, y) = −f(x)[y], written for label rows
 * t [N, K] as E = −Σ_k t_k f_k, so one-hot rows give −f_y (and a row of class probabilities an expected energy).
 * Backward: ∂E/∂f = −t.
 */
export const classEnergy = {
  /** Emits E(x, y) [N] from logits [N, K] and label rows [N, K]. */
  forward(g: GraphBuilder, logits: string, labels: string): string {
    return g.op('Neg', [g.op('ReduceSum', [g.op('Mul', [logits, labels]), g.constInt64([1])], { keepdims: 0 })]);
  },

  /** Emits ∂E/∂f = −t [N, K]. */
  backward(g: GraphBuilder, labels: string): string {
    return g.op('Neg', [labels]);
  },

  /**
   * Float64 E(x, y) = −Σ_k t_k f_k per sample.
   * @param logits [N·K]
   * @param labels [N·K]
   * @returns [N]
   */
  reference(logits: Float64Array, labels: ArrayLike<number>, batch: number, classes: number): Float64Array {
    const e = new Float64Array(batch);
    for (let n = 0; n < batch; n++) {
      let s = 0;
      for (let k = 0; k < classes; k++) s += labels[n * classes + k] * logits[n * classes + k];
      e[n] = -s;
    }
    return e;
  },
};
