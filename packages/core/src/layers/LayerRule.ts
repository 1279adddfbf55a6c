import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { LayerSpec } from '../spec/NetworkSpec.js';

/** A parameter a layer declares: `suffix` is 'weight' or 'bias'; `fanIn` drives He initialisation (0: zeros). */
export interface ParamDecl {
  suffix: string;
  shape: number[];
  fanIn: number;
}

/** What a layer's emitters know: where it sits, its shapes per sample, its parameter tensor names. */
export interface LayerContext {
  index: number;
  batch: number;
  /** Per-sample input shape, e.g. [C, H, W]. */
  inShape: number[];
  /** Per-sample output shape. */
  outShape: number[];
  /** Graph names of this layer's parameters, in the order of {@link ParamDecl}s. */
  params: string[];
}

/** Which gradients a backward emitter must produce. */
export interface GradientsWanted {
  /** dE/d(layer input) */
  input: boolean;
  /** dE/d(parameters), summed over the batch */
  params: boolean;
}

/**
 * One layer type: its shape rule, its forward emitter, its backward rule and a float64 reference forward
 * (the reference is what the finite-difference tests differentiate).
 */
export interface LayerRule<S extends LayerSpec = LayerSpec> {
  /** Validates the layer against its input and returns the output shape and parameters. Throws SpecError. */
  resolve(spec: S, inShape: number[], index: number): { outShape: number[]; params: ParamDecl[] };
  /** Emits y = layer(x) for a batch; returns the output tensor name. */
  forward(g: GraphBuilder, spec: S, ctx: LayerContext, x: string): string;
  /**
   * Emits the backward rule: given gy = dE/dy, returns gx = dE/dx (when wanted) and dE/dθ for each
   * parameter (when wanted), summed over the batch. `x` and `y` are the forward input and output.
   */
  backward(
    g: GraphBuilder,
    spec: S,
    ctx: LayerContext,
    x: string,
    y: string,
    gy: string,
    want: GradientsWanted,
  ): { gx?: string; paramGrads: string[] };
  /** Float64 forward of a batch x [N, ...inShape] with parameters in declaration order. */
  reference(spec: S, ctx: LayerContext, x: Float64Array, params: Float64Array[]): Float64Array;
}
