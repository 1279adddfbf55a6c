import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork, shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';

/** The two measures of the benchmark: one Langevin step, one parameter update. */
export type BenchMeasure = 'langevin_step' | 'param_update';

/**
 * Multiply-adds per sample of each layer's forward pass, in layer order: a convolution's
 * Cout·Cin·∏kernel per output position, a linear layer's out·in; 0 for layers without weights.
 */
export function layerMacs(spec: NetworkSpec): number[] {
  return networkMacs(resolveNetwork(spec));
}

/** {@link layerMacs} of a network already resolved (for its own input shape). */
export function networkMacs(net: ResolvedNetwork): number[] {
  return net.layers.map((l) => {
    if (l.spec.type === 'conv2d' || l.spec.type === 'conv3d') return shapeSize(l.params[0].shape) * shapeSize(l.outShape.slice(1));
    if (l.spec.type === 'linear') return shapeSize(l.params[0].shape);
    return 0;
  });
}

/**
 * Floating-point operations (2 per multiply-add) of the convolutions and linear layers in one measure, counted
 * from the spec, as the measure runs them (the same count for any formulation; activations, biases and the
 * optimiser are left out):
 * - 'langevin_step' (batch N): forward and input gradient of every layer;
 * - 'param_update' (data and samples, 2N): forward, weight gradient, and the input gradient of every layer but
 *   the first (nothing needs dE/dx of the data).
 */
export function measureFlops(spec: NetworkSpec, batch: number, measure: BenchMeasure): number {
  const macs = layerMacs(spec);
  const total = macs.reduce((a, b) => a + b, 0);
  if (measure === 'langevin_step') return 2 * batch * 2 * total;
  const firstWeighted = macs.findIndex((m) => m > 0);
  return 2 * (2 * batch) * (2 * total + (total - (firstWeighted >= 0 ? macs[firstWeighted] : 0)));
}
