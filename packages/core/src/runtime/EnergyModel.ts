import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-node';
import type { EnergyAndGrad, EnergyFn } from '../samplers/EnergyFn.js';
import { compileGraph, GRAPH_NAMES, type GraphKind } from '../compile/compileGraph.js';
import type { NetworkSpec, ParamInfo } from '../spec/NetworkSpec.js';
import { resolveNetwork, shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';
import { initParams, paramViews } from '../spec/initParams.js';
import { sessionOptions, type ExecutionOptions } from './ExecutionOptions.js';
import { RuntimeError } from './RuntimeError.js';
import { CONV_RULES } from '../layers/conv.js';
import { nchwcBlockSize } from './nchwcBlockSize.js';
import { runRecyclingOutputs } from './outputRecycling.js';
import { chooseOneDnn, requestedEngine } from './engineChoice.js';
import { OneDnnNet } from './OneDnnNet.js';
import type { NativeMode } from './nativeProgram.js';
import os from 'node:os';

/** Options of {@link EnergyModel.create}. */
export interface EnergyModelOptions extends ExecutionOptions {
  /** Seed of the He initialisation (default 0); ignored when `theta` is given. */
  seed?: number;
  /** Parameter values, flat in the order of {@link EnergyModel.params}. */
  theta?: Float32Array;
}

/** Energies and the batch-summed, sample-weighted parameter gradient Σₙ wₙ ∂Eₙ/∂θ, flat like θ. */
export interface ParamGradient {
  energy: Float32Array;
  grad: Float32Array;
}

interface GraphSession {
  session: ort.InferenceSession;
  net: ResolvedNetwork;
  batch: number;
}

/**
 * An energy network ready to run: a validated spec, its parameters θ (one flat Float32Array, with views
 * per parameter), and onnxruntime sessions compiled on demand and cached per (graph kind, batch, input shape).
 *
 * All batches are flat Float32Arrays, sample-major NCHW / NCDHW: x [N·C·∏spatial]. N is inferred from
 * the length; the per-sample shape is the spec's input unless another spatial size is given.
 */
export class EnergyModel {
  /** Flat parameters; modify in place (the optimiser does) and the next call sees the change. */
  readonly theta: Float32Array;
  /** Parameter names and shapes, in the order of θ. */
  readonly params: ParamInfo[];
  /** Views of θ, one per parameter. */
  readonly paramTensors: Float32Array[];
  private readonly sessions = new Map<string, Promise<GraphSession>>();
  private readonly nets = new Map<string, ResolvedNetwork>();
  private readonly oneDnnNets = new Map<string, OneDnnNet | null>();
  /**
   * @internal The oneDNN networks of this model's snapshots, shared by all of them: a snapshot's run loads its θ
   * when another's ran last. A training loop takes a snapshot per iteration; a net of its own each time measured
   * 15–20 ms to build and first-touch per iteration on the texture preset.
   */
  readonly snapshotNets = new Map<string, OneDnnNet | null>();

  private constructor(
    readonly spec: NetworkSpec,
    readonly net: ResolvedNetwork,
    theta: Float32Array,
    readonly execution: ExecutionOptions,
  ) {
    this.theta = theta;
    this.params = net.params;
    this.paramTensors = paramViews(net.params, theta);
    this.nets.set(net.inShape.join('x'), net);
  }

  /** Validates the spec (SpecError on a bad one), initialises or adopts θ, and checks the execution provider. */
  static async create(spec: NetworkSpec, opts: EnergyModelOptions = {}): Promise<EnergyModel> {
    const net = resolveNetwork(spec);
    if (opts.theta && opts.theta.length !== net.paramCount) {
      throw new RuntimeError(`parameter vector has ${opts.theta.length} values but the network has ${net.paramCount}`);
    }
    checkExecutionProvider(opts.executionProvider ?? 'cpu');
    chooseOneDnn(opts, net); // an explicit engine that cannot run here fails now, not at the first step
    // The CPU provider's NCHWc kernels serve 'auto' conv forwards with θ as inputs (see CONV_RULES.nchwcBlock).
    if ((opts.executionProvider ?? 'cpu') === 'cpu' && CONV_RULES.nchwcBlock === 0) CONV_RULES.nchwcBlock = await nchwcBlockSize();
    const theta = opts.theta ? Float32Array.from(opts.theta) : initParams(net.params, opts.seed ?? 0);
    // EBM_ENGINE is read once, here: a model keeps the engine it was made with.
    return new EnergyModel(spec, net, theta, { threads: opts.threads, executionProvider: opts.executionProvider, engine: requestedEngine(opts) });
  }

  /** Per-sample input shape [C, ...spatial] of the spec. */
  get inputShape(): number[] {
    return this.net.inShape;
  }

  /** The network resolved for another per-sample input shape (fully convolutional nets only). */
  resolveFor(inShape: number[] = this.net.inShape): ResolvedNetwork {
    const key = inShape.join('x');
    let net = this.nets.get(key);
    if (!net) {
      net = resolveNetwork(this.spec, inShape);
      if (net.paramCount !== this.net.paramCount) {
        throw new RuntimeError(`input [${inShape}] changes the parameter count of this network (it has a linear layer); use [${this.net.inShape}]`);
      }
      this.nets.set(key, net);
    }
    return net;
  }

  /** E(x) [N] for x [N, ...inShape]. */
  async energy(x: Float32Array, inShape?: number[]): Promise<Float32Array> {
    const native = this.oneDnn('energy', x, inShape);
    if (native) return (await native.run(x, this.theta, this.threads)).energy;
    const out = await this.run('energy', x, inShape);
    return out[GRAPH_NAMES.energy].data as Float32Array;
  }

  /** E(x) [N] and dE/dx [N, ...inShape]. */
  async energyAndGrad(x: Float32Array, inShape?: number[]): Promise<EnergyAndGrad> {
    const native = this.oneDnn('inputGrad', x, inShape);
    if (native) {
      const r = await native.run(x, this.theta, this.threads);
      return { energy: r.energy, grad: r.gradX! };
    }
    const out = await this.run('inputGrad', x, inShape);
    return { energy: out[GRAPH_NAMES.energy].data as Float32Array, grad: out[GRAPH_NAMES.inputGrad].data as Float32Array };
  }

  /**
   * E(x) [N] and Σₙ wₙ ∂E(xₙ)/∂θ, flat like θ. With x = [data; samples] and w = [+1/B…; −1/B…] this is
   * the MCMC-MLE gradient mean ∂E(data)/∂θ − mean ∂E(samples)/∂θ in one pass.
   * @param out optional buffer for the gradient (length = θ's)
   */
  async paramGrad(x: Float32Array, weights: Float32Array, inShape?: number[], out?: Float32Array): Promise<ParamGradient> {
    if (out && out.length !== this.theta.length) throw new RuntimeError(`gradient buffer has ${out.length} values but θ has ${this.theta.length}`);
    const native = this.oneDnn('paramGrad', x, inShape, weights);
    if (native) {
      const r = await native.run(x, this.theta, this.threads, weights, out);
      return { energy: r.energy, grad: r.gradTheta! };
    }
    const res = await this.run('paramGrad', x, inShape, weights);
    const grad = out ?? new Float32Array(this.theta.length);
    let off = 0;
    for (const p of this.params) {
      const d = res[GRAPH_NAMES.paramGrad(p.name)].data as Float32Array;
      grad.set(d, off);
      off += d.length;
    }
    return { energy: res[GRAPH_NAMES.energy].data as Float32Array, grad };
  }

  /** This model as a sampler's energy: x [N·D] → { energy [N], grad [N·D] }. */
  energyFn(inShape?: number[]): EnergyFn {
    return (x) => this.energyAndGrad(x, inShape);
  }

  /**
   * A sampling-only snapshot of this model: θ is copied and baked into the graphs as constants, which lets
   * onnxruntime pre-pack the weights and use its blocked (NCHWc) convolution kernels (measured 8–22% faster
   * per Langevin step on the 2D benchmark nets). Later changes to θ do not reach the snapshot; take a new
   * one (and dispose the old) after training.
   */
  freeze(): FrozenEnergy {
    return new FrozenEnergy(this, this.paramTensors.map((t) => t.slice()));
  }

  /** Which engine runs this model's network on inputs of shape [C, ...spatial] (see {@link Engine}). */
  engineFor(inShape: number[] = this.net.inShape): 'onnx' | 'onednn' {
    return chooseOneDnn(this.execution, this.resolveFor(inShape)) ? 'onednn' : 'onnx';
  }

  /** Releases all sessions. */
  async dispose(): Promise<void> {
    this.oneDnnNets.clear();
    this.snapshotNets.clear();
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) await (await s).session.release();
  }

  /** @internal oneDNN threads: the execution options' count, else the machine's cores. */
  get threads(): number {
    return this.execution.threads ?? os.availableParallelism();
  }

  /**
   * @internal The oneDNN network for this batch when the engine choice is oneDNN, else null (checks x and w first).
   */
  oneDnn(
    mode: NativeMode,
    x: Float32Array,
    inShape?: number[],
    weights?: Float32Array,
    nets = this.oneDnnNets,
  ): OneDnnNet | null {
    const net = this.resolveFor(inShape);
    const N = batchSize(net, x, weights);
    const key = `${mode}:${N}:${net.inShape.join('x')}`;
    let n = nets.get(key);
    if (n === undefined) {
      const addon = chooseOneDnn(this.execution, net);
      n = addon ? OneDnnNet.forShape(addon, net, N, mode) : null;
      nets.set(key, n);
    }
    return n;
  }

  private async run(kind: GraphKind, x: Float32Array, inShape: number[] | undefined, weights?: Float32Array) {
    return runGraph(this, this.sessions, kind, x, inShape, weights);
  }

  /** @internal The session of a graph, compiled on first use (with θ baked in when `baked` is given). */
  session(kind: GraphKind, net: ResolvedNetwork, batch: number, sessions = this.sessions, baked?: Float32Array[]): Promise<GraphSession> {
    const key = `${kind}:${batch}:${net.inShape.join('x')}`;
    let s = sessions.get(key);
    if (!s) {
      s = (async () => {
        const cpuKernels = (this.execution.executionProvider ?? 'cpu') === 'cpu';
        const graph = compileGraph(net, batch, kind, { bakedParams: baked, cpuKernels });
        try {
          const session = await ort.InferenceSession.create(graph.onnx, sessionOptions(this.execution) as ort.InferenceSession.SessionOptions);
          return { session, net, batch };
        } catch (e) {
          const ep = this.execution.executionProvider ?? 'cpu';
          throw new RuntimeError(`could not open the ${kind} graph on '${ep}': ${explainOrtError(ep, e)}`);
        }
      })();
      s.catch(() => sessions.delete(key));
      sessions.set(key, s);
    }
    return s;
  }
}

/**
 * The sampling-only snapshot made by {@link EnergyModel.freeze}: the same `energy`, `energyAndGrad` and
 * `energyFn` as the model, on graphs with θ as constants.
 */
export class FrozenEnergy {
  /** @internal */
  readonly sessions = new Map<string, Promise<GraphSession>>();
  /** The same θ, flat, as the oneDNN engine reads it. */
  private readonly flatTheta: Float32Array;

  constructor(
    readonly model: EnergyModel,
    /** The θ this snapshot holds, one array per parameter. */
    readonly baked: Float32Array[],
  ) {
    this.flatTheta = new Float32Array(baked.reduce((a, b) => a + b.length, 0));
    let off = 0;
    for (const b of baked) {
      this.flatTheta.set(b, off);
      off += b.length;
    }
  }

  /** E(x) [N] for x [N, ...inShape]. */
  async energy(x: Float32Array, inShape?: number[]): Promise<Float32Array> {
    const native = this.model.oneDnn('energy', x, inShape, undefined, this.model.snapshotNets);
    if (native) return (await native.run(x, this.flatTheta, this.model.threads, undefined, undefined, true)).energy;
    return (await runGraph(this.model, this.sessions, 'energy', x, inShape, undefined, this.baked))[GRAPH_NAMES.energy].data as Float32Array;
  }

  /** E(x) [N] and dE/dx [N, ...inShape]. */
  async energyAndGrad(x: Float32Array, inShape?: number[]): Promise<EnergyAndGrad> {
    const native = this.model.oneDnn('inputGrad', x, inShape, undefined, this.model.snapshotNets);
    if (native) {
      const r = await native.run(x, this.flatTheta, this.model.threads, undefined, undefined, true);
      return { energy: r.energy, grad: r.gradX! };
    }
    const out = await runGraph(this.model, this.sessions, 'inputGrad', x, inShape, undefined, this.baked);
    return { energy: out[GRAPH_NAMES.energy].data as Float32Array, grad: out[GRAPH_NAMES.inputGrad].data as Float32Array };
  }

  /** This snapshot as a sampler's energy: x [N·D] → { energy [N], grad [N·D] }. */
  energyFn(inShape?: number[]): EnergyFn {
    return (x) => this.energyAndGrad(x, inShape);
  }

  /** Releases the snapshot's sessions (the oneDNN networks stay with the model, for its next snapshot). */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) await (await s).session.release();
  }
}

async function runGraph(
  model: EnergyModel,
  sessions: Map<string, Promise<GraphSession>>,
  kind: GraphKind,
  x: Float32Array,
  inShape: number[] | undefined,
  weights?: Float32Array,
  baked?: Float32Array[],
) {
  const net = model.resolveFor(inShape);
  const N = batchSize(net, x, weights);
  const { session } = await model.session(kind, net, N, sessions, baked);
  const feeds: Record<string, ort.Tensor> = { [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [N, ...net.inShape]) };
  if (weights) feeds[GRAPH_NAMES.weights] = new ort.Tensor('float32', weights, [N]);
  if (!baked) model.params.forEach((p, i) => (feeds[p.name] = new ort.Tensor('float32', model.paramTensors[i], p.shape)));
  try {
    return await runRecyclingOutputs(session, feeds);
  } catch (e) {
    throw new RuntimeError(`onnxruntime failed on the ${kind} graph for [${N}, ${net.inShape}]: ${(e as Error).message}`);
  }
}

/** N for x [N·D] of `net`'s per-sample shape; a RuntimeError when x is not whole samples or w is not [N]. */
function batchSize(net: ResolvedNetwork, x: Float32Array, weights?: Float32Array): number {
  const D = shapeSize(net.inShape);
  if (x.length === 0 || x.length % D !== 0) {
    throw new RuntimeError(`input has ${x.length} values, not a whole number of samples of shape [${net.inShape}] (${D} values each)`);
  }
  const N = x.length / D;
  if (weights && weights.length !== N) throw new RuntimeError(`${weights.length} sample weights for a batch of ${N}`);
  return N;
}

/** Throws a RuntimeError naming the available providers when `ep` is not among them or is not installed. */
export function checkExecutionProvider(ep: string): void {
  const backends = ort.listSupportedBackends();
  const found = backends.find((b) => b.name === ep);
  if (!found) {
    throw new RuntimeError(
      `execution provider '${ep}' is not available in this onnxruntime-node build (available: ${backends.map((b) => b.name).join(', ')}); use --ep cpu`,
    );
  }
  if (!found.bundled && !providerLibraryInstalled(ep)) {
    throw new RuntimeError(
      `execution provider '${ep}' is not installed: onnxruntime-node downloads it at install time, which ONNXRUNTIME_NODE_INSTALL=skip ` +
        `turns off; reinstall onnxruntime-node without it on a machine with an NVIDIA GPU and CUDA 12, or use --ep cpu`,
    );
  }
}

/** Whether onnxruntime-node's shared provider library for `ep` (e.g. libonnxruntime_providers_cuda.so) is on disk. */
function providerLibraryInstalled(ep: string): boolean {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin');
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop()!;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) stack.push(path.join(d, e.name));
        else if (e.name.startsWith(`libonnxruntime_providers_${ep}`) || e.name.startsWith(`onnxruntime_providers_${ep}`)) return true;
      }
    }
  } catch {
    // Unknown layout: let session creation report the problem.
    return true;
  }
  return false;
}

/** The first line of an onnxruntime error, with the known causes said plainly. */
function explainOrtError(ep: string, e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  if (/No supported adapters/i.test(msg)) return `no WebGPU adapter on this machine (use --ep cpu)`;
  if (/Failed to load (shared )?library/i.test(msg)) return `the ${ep} provider library could not be loaded (use --ep cpu)`;
  return msg.split('\n')[0];
}
