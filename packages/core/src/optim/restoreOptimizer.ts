import { Adam } from './Adam.js';
import type { Optimizer, OptimizerState } from './Optimizer.js';
import { Sgd } from './Sgd.js';

/** Rebuilds an optimiser from its saved state. */
export function restoreOptimizer(s: OptimizerState): Optimizer {
  return s.name === 'adam' ? Adam.fromState(s) : Sgd.fromState(s);
}
