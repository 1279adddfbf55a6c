import { SpecError } from '../spec/SpecError.js';
import type { ConvSpec } from '../spec/NetworkSpec.js';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { GradientsWanted, LayerContext } from './LayerRule.js';

/** Per-axis kernel, stride and padding of a convolution with `rank` spatial dims. */
export interface ConvGeometry {
  kernel: number[];
  stride: number[];
  padding: number[];
}

/** Expands the spec's number-or-array sizes to one value per spatial axis. */
export function convGeometry(spec: ConvSpec, rank: number, index = -1): ConvGeometry {
  const perAxis = (v: number | number[] | undefined, dflt: number, what: string): number[] => {
    const arr = v === undefined ? new Array(rank).fill(dflt) : typeof v === 'number' ? new Array(rank).fill(v) : v;
    if (!Array.isArray(arr) || arr.length !== rank || arr.some((a) => !Number.isInteger(a))) {
      throw new SpecError(
        `layer ${index} (${spec.type}): ${what} ${JSON.stringify(v)} must be an integer or ${rank} integers`,
        index,
      );
    }
    return arr;
  };
  return {
    kernel: perAxis(spec.kernel, 1, 'kernel'),
    stride: perAxis(spec.stride, 1, 'stride'),
    padding: perAxis(spec.padding, 0, 'padding'),
  };
}

/** Output size along one axis: ⌊(in + 2p − k)/s⌋ + 1. */
export function convOutSize(inSize: number, k: number, s: number, p: number): number {
  return Math.floor((inSize + 2 * p - k) / s) + 1;
}

/** A conv's forward formulation: y for x with the weight and bias in ctx.params. */
export type ConvForward = (g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string) => string;

/** A conv's backward formulation without its bias: dE/dx and dE/dW (when wanted) for x, gy and the weight in ctx.params[0]. */
export type ConvBackward = (
  g: GraphBuilder,
  ctx: LayerContext,
  geo: ConvGeometry,
  x: string,
  gy: string,
  want: GradientsWanted,
) => { gx?: string; gw?: string };
