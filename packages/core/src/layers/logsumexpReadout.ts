import type { GraphBuilder } from '../graph/GraphBuilder.js';

/**
 * The classifier readout of JEM (Grathwohl et al., "Your classifier is secretly an energy based model", ICLR 2020):
 * a network's K outputs are logits f(x) [N, K], the joint energy is E(x, y) = −f(x)[y] and its marginal over y is
 * E(x) = −log Σ_y exp f(x)[y]. Written stably as −(m + log Σ_k exp(f_k − m)) with m = max_k f_k.
 * Backward: ∂E/∂f = −softmax(f).
 */
export const logsumexpReadout = {
  /** Emits E(x) [N] from logits [N, K]. */
  forward(g: GraphBuilder, logits: string): string {
    const m = g.op('ReduceMax', [logits, g.constInt64([1])], { keepdims: 1 });
    const sum = g.op('ReduceSum', [g.op('Exp', [g.op('Sub', [logits, m])]), g.constInt64([1])], { keepdims: 1 });
    const lse = g.op('Add', [g.op('Log', [sum]), m]);
    return g.op('Neg', [g.op('Reshape', [lse, g.constInt64([-1])])]);
  },

  /** Emits softmax(f) [N, K], the derivative of log Σ exp f; ∂E/∂f is its negative. */
  softmax(g: GraphBuilder, logits: string): string {
    return g.op('Softmax', [logits], { axis: 1 });
  },

  /**
   * Float64 E(x) = −logsumexp_k f_k per sample.
   * @param logits [N·K]
   * @returns [N]
   */
  reference(logits: Float64Array, batch: number, classes: number): Float64Array {
    const e = new Float64Array(batch);
    for (let n = 0; n < batch; n++) e[n] = -logSumExp(logits, n * classes, classes);
    return e;
  },
};

/** log Σ_k exp(a[from + k]) for k < count, shifted by the maximum so it never overflows. */
export function logSumExp(a: ArrayLike<number>, from: number, count: number): number {
  let m = -Infinity;
  for (let k = 0; k < count; k++) m = Math.max(m, a[from + k]);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let k = 0; k < count; k++) s += Math.exp(a[from + k] - m);
  return m + Math.log(s);
}
