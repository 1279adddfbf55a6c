import { GraphBuilder } from '../graph/GraphBuilder.js';
import type { LayerContext } from '../layers/LayerRule.js';
import { shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';

/**
 * The three graphs of an energy network:
 * - 'energy': x → E [N]
 * - 'inputGrad': x → E [N], dE/dx [N, ...inShape]
 * - 'paramGrad': x, w [N] → E [N], and for every parameter θ: Σₙ wₙ ∂Eₙ/∂θ (so a call with weights
 *   +1/B on a data batch and −1/B on a sample batch gives the MCMC-MLE gradient in one pass)
 */
export type GraphKind = 'energy' | 'inputGrad' | 'paramGrad';

/** Tensor names of the compiled graphs. */
export const GRAPH_NAMES = {
  x: 'x',
  weights: 'w',
  energy: 'energy',
  inputGrad: 'grad_x',
  paramGrad: (param: string) => `grad.${param}`,
} as const;

/** A compiled graph: ONNX bytes plus the names of its inputs and outputs. */
export interface CompiledGraph {
  kind: GraphKind;
  batch: number;
  onnx: Uint8Array;
  inputs: string[];
  outputs: string[];
}

/** Options of {@link compileGraph}. */
export interface CompileOptions {
  /** Bake these parameter values in as initializers (export); default: parameters are graph inputs. */
  bakedParams?: Float32Array[];
  /** Declare the batch dimension as symbolic 'N' (exported models take any batch). */
  dynamicBatch?: boolean;
  /** ONNX metadata_props. */
  metadata?: Record<string, string>;
}

/**
 * Compiles a resolved network for a batch of `batch` samples into one ONNX graph of the given kind.
 * Forward: the layers' emitters; backward: their rules in reverse, seeded by ∂E/∂(top) = −1 (sum
 * readout) or −1/M (mean over the M top outputs), times wₙ for the parameter graph. The reference
 * Gaussian adds ‖x‖²/(2σ²) to E and x/σ² to dE/dx.
 */
export function compileGraph(net: ResolvedNetwork, batch: number, kind: GraphKind, opts: CompileOptions = {}): CompiledGraph {
  const g = new GraphBuilder(`ebm_${kind}`);
  const N: number | string = opts.dynamicBatch ? 'N' : batch;
  const x = g.input(GRAPH_NAMES.x, [N, ...net.inShape]);
  const inputs = [x];
  const w = kind === 'paramGrad' ? g.input(GRAPH_NAMES.weights, [N]) : undefined;
  if (w) inputs.push(w);
  net.params.forEach((p, i) => {
    if (opts.bakedParams) g.initializer(p.name, opts.bakedParams[i], p.shape);
    else inputs.push(g.input(p.name, p.shape));
  });

  const ctxs: LayerContext[] = net.layers.map((l) => ({
    index: l.index,
    batch,
    inShape: l.inShape,
    outShape: l.outShape,
    params: l.params.map((p) => p.name),
  }));
  const acts: string[] = [x];
  net.layers.forEach((l, i) => acts.push(l.rule.forward(g, l.spec, ctxs[i], acts[i])));

  const top = acts[acts.length - 1];
  const M = shapeSize(net.outShape);
  const scale = net.spec.readout === 'mean' ? -1 / M : -1;
  const flatTop = g.op('Reshape', [top, g.constInt64([0, M])]);
  let energy = g.op('Mul', [g.op('ReduceSum', [flatTop, g.constInt64([1])], { keepdims: 0 }), g.constFloat([scale], [])]);
  const sigma = net.spec.referenceSigma;
  if (sigma !== undefined) {
    const flatX = g.op('Reshape', [x, g.constInt64([0, shapeSize(net.inShape)])]);
    const sq = g.op('ReduceSumSquare', [flatX, g.constInt64([1])], { keepdims: 0 });
    energy = g.op('Add', [energy, g.op('Mul', [sq, g.constFloat([1 / (2 * sigma * sigma)], [])])]);
  }
  g.op('Identity', [energy], {}, GRAPH_NAMES.energy);
  g.output(GRAPH_NAMES.energy, [N]);
  const outputs: string[] = [GRAPH_NAMES.energy];

  if (kind !== 'energy') {
    const ones = net.outShape.map(() => 1);
    const topShape = g.op('Shape', [top]);
    let gy =
      kind === 'inputGrad'
        ? g.op('Expand', [g.constFloat([scale], [1, ...ones]), topShape])
        : g.op('Expand', [g.op('Reshape', [g.op('Mul', [w!, g.constFloat([scale], [])]), g.constInt64([0, ...ones])]), topShape]);
    const paramGrads: string[][] = [];
    for (let i = net.layers.length - 1; i >= 0; i--) {
      const l = net.layers[i];
      const needInput = kind === 'inputGrad' || i > 0;
      const res = l.rule.backward(g, l.spec, ctxs[i], acts[i], acts[i + 1], gy, {
        input: needInput,
        params: kind === 'paramGrad',
      });
      paramGrads[i] = res.paramGrads;
      if (needInput) gy = res.gx!;
    }
    if (kind === 'inputGrad') {
      let gx = gy;
      if (sigma !== undefined) gx = g.op('Add', [gx, g.op('Mul', [x, g.constFloat([1 / (sigma * sigma)], [])])]);
      g.op('Identity', [gx], {}, GRAPH_NAMES.inputGrad);
      g.output(GRAPH_NAMES.inputGrad, [N, ...net.inShape]);
      outputs.push(GRAPH_NAMES.inputGrad);
    } else {
      net.layers.forEach((l, i) =>
        l.params.forEach((p, j) => {
          const name = GRAPH_NAMES.paramGrad(p.name);
          g.op('Identity', [paramGrads[i][j]], {}, name);
          g.output(name, p.shape);
          outputs.push(name);
        }),
      );
    }
  }
  return { kind, batch, onnx: g.encode(opts.metadata ?? {}), inputs, outputs };
}
