import type { ResolvedNetwork } from '../spec/resolveNetwork.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import type { ConvSpec, LinearSpec, ActivationSpec } from '../spec/NetworkSpec.js';
import { convGeometry } from '../layers/convGeometry.js';
import { activationAlpha } from '../layers/activation.js';

/** What a native (oneDNN) network computes besides E(x): dE/dx, Σₙ wₙ ∂Eₙ/∂θ, or neither. */
export type NativeMode = 'energy' | 'inputGrad' | 'paramGrad';

const VERSION = 2;
const HEADER = 10;
const LAYER_SLOTS = 16;
const ACTIVATION_CODES: Record<ActivationSpec['type'], number> = { relu: 1, leakyRelu: 1, elu: 2, tanh: 3, softplus: 4, silu: 5 };

/**
 * Why the native engine cannot run `net`, or null when it can: it runs conv2d/conv3d, linear, flatten and the
 * pointwise activations with a 'sum' or 'mean' readout (not a classifier's 'logsumexp').
 */
export function nativeUnsupported(net: ResolvedNetwork): string | null {
  if (net.spec.readout === 'logsumexp') return "a 'logsumexp' (classifier) readout";
  if (net.layers.every((l) => l.spec.type === 'flatten')) return 'no layer but flatten';
  return null;
}

/**
 * Layout choices for the first conv of an input-gradient net, which {@link OneDnnNet} times against each other:
 * on the input's stride phases or not, its dE/dx through oneDNN's plain-layout GEMM or its blocked kernels.
 * Unset: the addon's built-in rule.
 */
export interface NativeVariant {
  phases?: 'on' | 'off';
  inputGradLayout?: 'plain' | 'blocked';
}

/**
 * Encodes `net` at batch `batch` as the Float64Array program that packages/core/native/ebm_dnnl.cc reads:
 * header [version, batch, rank, ∂E/∂top scale, 1/σ², inputGrad, paramGrad, layer count, phases (0 rule, 1 on,
 * 2 off), first dE/dx layout (0 rule, 1 plain, 2 blocked)], the per-sample input
 * shape [C, ...spatial], then 16 slots per layer
 * [type (1 conv, 2 activation, 3 linear, 4 flatten), out, kernel×3, stride×3, padding×3, bias, weight offset in θ,
 * bias offset in θ, activation code, alpha].
 */
export function nativeProgram(net: ResolvedNetwork, batch: number, mode: NativeMode, variant: NativeVariant = {}): Float64Array {
  const offsets = new Map<string, number>();
  let off = 0;
  for (const p of net.params) {
    offsets.set(p.name, off);
    off += shapeSize(p.shape);
  }
  const M = shapeSize(net.outShape);
  const sigma = net.spec.referenceSigma;
  const rank = net.inShape.length;
  const prog = new Float64Array(HEADER + rank + net.layers.length * LAYER_SLOTS);
  prog.set([VERSION, batch, rank, net.spec.readout === 'mean' ? -1 / M : -1, sigma === undefined ? 0 : 1 / (sigma * sigma), +(mode === 'inputGrad'), +(mode === 'paramGrad'), net.layers.length,
    variant.phases === undefined ? 0 : variant.phases === 'on' ? 1 : 2,
    variant.inputGradLayout === undefined ? 0 : variant.inputGradLayout === 'plain' ? 1 : 2]);
  prog.set(net.inShape, HEADER);
  net.layers.forEach((l, i) => {
    const slots = new Float64Array(LAYER_SLOTS);
    const weight = l.params.find((p) => p.name.endsWith('.weight'));
    const bias = l.params.find((p) => p.name.endsWith('.bias'));
    slots[12] = weight ? offsets.get(weight.name)! : 0;
    slots[13] = bias ? offsets.get(bias.name)! : 0;
    slots[11] = bias ? 1 : 0;
    switch (l.spec.type) {
      case 'conv2d':
      case 'conv3d': {
        const spec = l.spec as ConvSpec;
        const geo = convGeometry(spec, l.inShape.length - 1, l.index);
        slots[0] = 1;
        slots[1] = spec.outChannels;
        slots.set(pad3(geo.kernel, 1), 2);
        slots.set(pad3(geo.stride, 1), 5);
        slots.set(pad3(geo.padding, 0), 8);
        break;
      }
      case 'linear':
        slots[0] = 3;
        slots[1] = (l.spec as LinearSpec).outFeatures;
        break;
      case 'flatten':
        slots[0] = 4;
        break;
      default: {
        const spec = l.spec as ActivationSpec;
        slots[0] = 2;
        slots[14] = ACTIVATION_CODES[spec.type];
        slots[15] = spec.type === 'relu' ? 0 : activationAlpha(spec);
      }
    }
    prog.set(slots, HEADER + rank + i * LAYER_SLOTS);
  });
  return prog;
}

function pad3(v: number[], fill: number): number[] {
  return [...v, ...new Array(3 - v.length).fill(fill)];
}
