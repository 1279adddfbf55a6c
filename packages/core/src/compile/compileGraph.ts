import { GraphBuilder } from '../graph/GraphBuilder.js';
import type { LayerContext } from '../layers/LayerRule.js';
import { shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';
import { SpecError } from '../spec/SpecError.js';
import { classEnergy } from '../layers/classEnergy.js';
import { crossEntropy } from '../layers/crossEntropy.js';
import { logsumexpReadout } from '../layers/logsumexpReadout.js';

/**
 * The three graphs of an energy network:
 * - 'energy': x → E [N]
 * - 'inputGrad': x → E [N], dE/dx [N, ...inShape]
 * - 'paramGrad': x, w [N] → E [N], and for every parameter θ: Σₙ wₙ ∂Eₙ/∂θ (so a call with weights
 *   +1/B on a data batch and −1/B on a sample batch gives the MCMC-MLE gradient in one pass)
 *
 * and two more for a classifier (readout 'logsumexp', whose graphs all output the logits [N, K] too):
 * - 'classInputGrad': x, y [N, K] → E(x, y) = −Σ_k y_k f_k(x) [N] (−f_y for one-hot rows), dE/dx
 * - 'crossEntropyGrad': x, w [N], y [N, K] → E(x) [N], cross-entropy CEₙ [N] of the logits against the target rows,
 *   and for every θ: Σₙ (wₙ ∂Eₙ/∂θ + ∂CEₙ/∂θ), JEM's hybrid gradient in one pass
 */
export type GraphKind = 'energy' | 'inputGrad' | 'paramGrad' | 'classInputGrad' | 'crossEntropyGrad';

/** The graph kinds that only a classifier (readout 'logsumexp') has. */
export const CLASSIFIER_GRAPH_KINDS: readonly GraphKind[] = ['classInputGrad', 'crossEntropyGrad'];

/** Tensor names of the compiled graphs. */
export const GRAPH_NAMES = {
  x: 'x',
  weights: 'w',
  /** Label or target rows [N, K] of the classifier graphs. */
  labels: 'y',
  energy: 'energy',
  /** A classifier's logits f(x) [N, K]. */
  logits: 'logits',
  /** Per-sample cross-entropy [N] ('crossEntropyGrad'). */
  crossEntropy: 'cross_entropy',
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
  /**
   * Let 'auto' layer rules use onnxruntime-node's CPU-only contrib kernels (the NCHWc Conv); default false, so
   * exported and profiled graphs stay standard ONNX that any runtime opens. Set by the engine's CPU sessions.
   */
  cpuKernels?: boolean;
}

/**
 * Compiles a resolved network for a batch of `batch` samples into one ONNX graph of the given kind.
 * Forward: the layers' emitters; backward: their rules in reverse, seeded by ∂E/∂(top) = −1 (sum
 * readout) or −1/M (mean over the M top outputs), times wₙ for the parameter graph. The reference
 * Gaussian adds ‖x‖²/(2σ²) to E and x/σ² to dE/dx.
 */
export function compileGraph(net: ResolvedNetwork, batch: number, kind: GraphKind, opts: CompileOptions = {}): CompiledGraph {
  const classifier = net.spec.readout === 'logsumexp';
  if (CLASSIFIER_GRAPH_KINDS.includes(kind) && !classifier) {
    throw new SpecError(`the ${kind} graph needs a classifier: set "readout": "logsumexp" on a network whose last layer gives K logits`);
  }
  const g = new GraphBuilder(`ebm_${kind}`);
  g.cpuKernels = opts.cpuKernels ?? false;
  const N: number | string = opts.dynamicBatch ? 'N' : batch;
  const x = g.input(GRAPH_NAMES.x, [N, ...net.inShape]);
  const inputs = [x];
  const w = kind === 'paramGrad' || kind === 'crossEntropyGrad' ? g.input(GRAPH_NAMES.weights, [N]) : undefined;
  if (w) inputs.push(w);
  const y = CLASSIFIER_GRAPH_KINDS.includes(kind) ? g.input(GRAPH_NAMES.labels, [N, ...net.outShape]) : undefined;
  if (y) inputs.push(y);
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
  let energy: string;
  if (classifier) energy = kind === 'classInputGrad' ? classEnergy.forward(g, top, y!) : logsumexpReadout.forward(g, top);
  else {
    const flatTop = g.op('Reshape', [top, g.constInt64([0, M])]);
    energy = g.op('Mul', [g.op('ReduceSum', [flatTop, g.constInt64([1])], { keepdims: 0 }), g.constFloat([scale], [])]);
  }
  const sigma = net.spec.referenceSigma;
  if (sigma !== undefined) {
    const flatX = g.op('Reshape', [x, g.constInt64([0, shapeSize(net.inShape)])]);
    const sq = g.op('ReduceSumSquare', [flatX, g.constInt64([1])], { keepdims: 0 });
    energy = g.op('Add', [energy, g.op('Mul', [sq, g.constFloat([1 / (2 * sigma * sigma)], [])])]);
  }
  g.op('Identity', [energy], {}, GRAPH_NAMES.energy);
  g.output(GRAPH_NAMES.energy, [N]);
  const outputs: string[] = [GRAPH_NAMES.energy];
  if (classifier) {
    g.op('Identity', [top], {}, GRAPH_NAMES.logits);
    g.output(GRAPH_NAMES.logits, [N, ...net.outShape]);
    outputs.push(GRAPH_NAMES.logits);
  }
  if (kind === 'crossEntropyGrad') {
    g.op('Identity', [crossEntropy.forward(g, top, y!)], {}, GRAPH_NAMES.crossEntropy);
    g.output(GRAPH_NAMES.crossEntropy, [N]);
    outputs.push(GRAPH_NAMES.crossEntropy);
  }

  if (kind !== 'energy') {
    const wantsInputGrad = kind === 'inputGrad' || kind === 'classInputGrad';
    let gy = classifier ? classifierSeed(g, kind, top, w, y) : sumReadoutSeed(g, kind, top, w, net.outShape, scale);
    const paramGrads: string[][] = [];
    for (let i = net.layers.length - 1; i >= 0; i--) {
      const l = net.layers[i];
      const needInput = wantsInputGrad || i > 0;
      const res = l.rule.backward(g, l.spec, ctxs[i], acts[i], acts[i + 1], gy, {
        input: needInput,
        params: !wantsInputGrad,
      });
      paramGrads[i] = res.paramGrads;
      if (needInput) gy = res.gx!;
    }
    if (wantsInputGrad) {
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

/** ∂E/∂(top) of a sum or mean readout: the constant `scale`, times wₙ in the parameter graph. */
function sumReadoutSeed(g: GraphBuilder, kind: GraphKind, top: string, w: string | undefined, outShape: number[], scale: number): string {
  const ones = outShape.map(() => 1);
  const topShape = g.op('Shape', [top]);
  return kind === 'inputGrad'
    ? g.op('Expand', [g.constFloat([scale], [1, ...ones]), topShape])
    : g.op('Expand', [g.op('Reshape', [g.op('Mul', [w!, g.constFloat([scale], [])]), g.constInt64([0, ...ones])]), topShape]);
}

/**
 * ∂/∂(logits) of what a classifier graph differentiates: −softmax(f) for E(x) ('inputGrad'), −y for E(x, y)
 * ('classInputGrad'), wₙ·(−softmax(f)) for Σ wₙ Eₙ ('paramGrad'), plus (Σ_k y_k)·softmax(f) − y for the
 * cross-entropy ('crossEntropyGrad').
 */
function classifierSeed(g: GraphBuilder, kind: GraphKind, logits: string, w: string | undefined, y: string | undefined): string {
  if (kind === 'classInputGrad') return classEnergy.backward(g, y!);
  const negSoftmax = g.op('Neg', [logsumexpReadout.softmax(g, logits)]);
  if (kind === 'inputGrad') return negSoftmax;
  const weighted = g.op('Mul', [negSoftmax, g.op('Reshape', [w!, g.constInt64([-1, 1])])]);
  return kind === 'crossEntropyGrad' ? g.op('Add', [weighted, crossEntropy.backward(g, logits, y!)]) : weighted;
}
