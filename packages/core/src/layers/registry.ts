import type { LayerSpec } from '../spec/NetworkSpec.js';
import type { LayerRule } from './LayerRule.js';
import { conv } from './conv.js';
import { linear } from './linear.js';
import { flatten } from './flatten.js';
import { activation } from './activation.js';

/** Layer type name → its rule. Adding a layer type means one file and one line here. */
export const LAYER_RULES: Record<LayerSpec['type'], LayerRule<any>> = {
  conv2d: conv,
  conv3d: conv,
  linear,
  flatten,
  relu: activation,
  leakyRelu: activation,
  silu: activation,
  elu: activation,
  softplus: activation,
  tanh: activation,
};
