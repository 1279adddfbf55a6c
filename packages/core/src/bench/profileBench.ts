import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { compileGraph, GRAPH_NAMES } from '../compile/compileGraph.js';
import type { LayerRule } from '../layers/LayerRule.js';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import { Rng } from '../random/Rng.js';
import { sessionOptions } from '../runtime/ExecutionOptions.js';
import { initParams, paramViews } from '../spec/initParams.js';
import { BENCH_NETS, type BenchNetName } from '../spec/presets.js';
import { CONV_RULES } from '../layers/conv.js';
import { nchwcBlockSize } from '../runtime/nchwcBlockSize.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork, shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';
import type { BenchMeasure } from './benchFlops.js';

/** Milliseconds per run spent in one group of graph nodes (a layer's forward or backward, an op type, a node). */
export interface ProfileEntry {
  name: string;
  ms: number;
  /** Op type, for single nodes. */
  op?: string;
}

/** Where one measure's time goes, from onnxruntime's profiler: ms per run, each node's median (or least) over the runs. */
export interface MeasureProfile {
  measure: BenchMeasure;
  runs: number;
  /** Session time of a run (onnxruntime's model_run), ms, by the same statistic. */
  runMs: number;
  /** Sum of the node kernel times, ms (runMs minus this is roughly the session's own overhead). */
  nodeMs: number;
  /** Per layer and direction ('L2.conv3d.fwd'); nodes onnxruntime inserted or the readout: 'other'. */
  byLayer: ProfileEntry[];
  byOp: ProfileEntry[];
  /** The slowest single nodes. */
  topNodes: ProfileEntry[];
}

/** Options of {@link profileBench}. */
export interface ProfileOptions {
  threads?: number;
  reps?: number;
  warmup?: number;
  /** How many of the slowest nodes to list (default 12). */
  top?: number;
  /** Per node, the median over the runs (default) or the least (on a busy machine, the run least disturbed). */
  statistic?: 'median' | 'min';
}

/**
 * Runs the two graphs of a benchmark net as `ebm bench` times them (the Langevin step's frozen input-gradient
 * graph at batch N, the update's parameter-gradient graph at 2N, both in the engine's CPU plan) with onnxruntime's profiler on, and sums the
 * per-node kernel times by layer, by op type and by node. Layer scopes come from the node names: each layer's
 * emitters run inside a {@link GraphBuilder.scope} of `L<index>.<type>.<fwd|bwd>`.
 */
export async function profileBench(name: BenchNetName, opts: ProfileOptions = {}): Promise<MeasureProfile[]> {
  const { spec, batch } = BENCH_NETS[name];
  return profileNetwork(spec, batch, opts);
}

/** {@link profileBench} for any network spec and batch size. */
export async function profileNetwork(spec: NetworkSpec, batch: number, opts: ProfileOptions = {}): Promise<MeasureProfile[]> {
  const net = scopedNetwork(resolveNetwork(spec));
  const theta = initParams(net.params, 0);
  const views = paramViews(net.params, theta);
  const rng = new Rng(0);
  const size = batch * shapeSize(spec.input);
  const x = rng.fillNormal(new Float32Array(size)) as Float32Array;
  const pair = rng.fillNormal(new Float32Array(2 * size)) as Float32Array;
  const weights = new Float32Array(2 * batch).fill(1 / batch, 0, batch).fill(-1 / batch, batch);

  const langevinFeeds = { [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [batch, ...net.inShape]) };
  const updateFeeds: Record<string, ort.Tensor> = {
    [GRAPH_NAMES.x]: new ort.Tensor('float32', pair, [2 * batch, ...net.inShape]),
    [GRAPH_NAMES.weights]: new ort.Tensor('float32', weights, [2 * batch]),
  };
  net.params.forEach((p, i) => (updateFeeds[p.name] = new ort.Tensor('float32', views[i], p.shape)));
  // The engine's own CPU plan (NCHWc forwards, stacked 3D training graphs), as EnergyModel compiles it.
  if (CONV_RULES.nchwcBlock === 0) CONV_RULES.nchwcBlock = await nchwcBlockSize();
  const cpuKernels = true;
  return [
    await profileGraph('langevin_step', compileGraph(net, batch, 'inputGrad', { bakedParams: views, cpuKernels }).onnx, langevinFeeds, opts),
    await profileGraph('param_update', compileGraph(net, 2 * batch, 'paramGrad', { cpuKernels }).onnx, updateFeeds, opts),
  ];
}

/** The network with every layer's emitters wrapped so that their nodes are named under the layer's scope. */
function scopedNetwork(net: ResolvedNetwork): ResolvedNetwork {
  return {
    ...net,
    layers: net.layers.map((l) => {
      const rule = l.rule as LayerRule;
      const scope = `L${l.index}.${l.spec.type}`;
      const inScope = <T>(g: GraphBuilder, part: string, emit: () => T): T => {
        g.scope = `${scope}.${part}`;
        try {
          return emit();
        } finally {
          g.scope = '';
        }
      };
      const scoped: LayerRule = {
        ...rule,
        forward: (g, ...rest) => inScope(g, 'fwd', () => rule.forward(g, ...rest)),
        backward: (g, ...rest) => inScope(g, 'bwd', () => rule.backward(g, ...rest)),
      };
      return { ...l, rule: scoped };
    }),
  };
}

interface ProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string };
}

async function profileGraph(
  measure: BenchMeasure,
  onnx: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  opts: ProfileOptions,
): Promise<MeasureProfile> {
  const reps = opts.reps ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebm-profile-'));
  try {
    const session = await ort.InferenceSession.create(onnx, {
      ...(sessionOptions({ threads: opts.threads ?? 2 }) as ort.InferenceSession.SessionOptions),
      enableProfiling: true,
      profileFilePrefix: path.join(dir, measure),
    });
    for (let i = 0; i < (opts.warmup ?? 2) + reps; i++) await session.run(feeds);
    session.endProfiling();
    await session.release();
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
    if (!file) throw new Error(`onnxruntime wrote no profile into ${dir}`);
    const events = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ProfileEvent[];
    return summarise(measure, events, reps, opts.top ?? 12, opts.statistic ?? 'median', producerScopes(onnx));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Node kernel times of the last `reps` runs: per node the median (or least) over the runs, then summed by group. */
function summarise(
  measure: BenchMeasure,
  events: ProfileEvent[],
  reps: number,
  top: number,
  statistic: 'median' | 'min',
  scopes: Map<string, Producer>,
): MeasureProfile {
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').slice(-reps);
  const runOf = (e: ProfileEvent) => runs.findIndex((r) => e.ts >= r.ts && e.ts <= r.ts + r.dur);
  const perNode = new Map<string, { op: string; us: number[] }>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue;
    const run = runOf(e);
    if (run < 0) continue;
    const node = e.name.slice(0, -'_kernel_time'.length);
    const entry = perNode.get(node) ?? { op: e.args?.op_name ?? '?', us: new Array<number>(runs.length).fill(0) };
    entry.us[run] += e.dur;
    perNode.set(node, entry);
  }
  const pick = (us: number[]) => (statistic === 'min' ? Math.min(...us) : median(us));
  const byLayer = new Map<string, number>();
  const byOp = new Map<string, number>();
  const nodes: ProfileEntry[] = [];
  let nodeMs = 0;
  for (const [node, { op, us }] of perNode) {
    const ms = pick(us) / 1000;
    const slash = node.indexOf('/');
    const layer = slash > 0 ? node.slice(0, slash) : scopeOfRenamed(node, scopes);
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + ms);
    byOp.set(op, (byOp.get(op) ?? 0) + ms);
    nodes.push({ name: node, op, ms: round2(ms) });
    nodeMs += ms;
  }
  const entries = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms: round2(ms) }));
  return {
    measure,
    runs: runs.length,
    runMs: round2(pick(runs.map((r) => r.dur)) / 1000),
    nodeMs: round2(nodeMs),
    byLayer: entries(byLayer).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    byOp: entries(byOp).sort((a, b) => b.ms - a.ms),
    topNodes: nodes.sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

/** The producer of a tensor in the graph as compiled: its scope, op type and first input. */
interface Producer {
  scope: string;
  op: string;
  input: string;
}

/** The producer of each scoped tensor of the graph as compiled (before onnxruntime's rewrites). */
function producerScopes(onnx: Uint8Array): Map<string, Producer> {
  const scopes = new Map<string, Producer>();
  for (const n of onnxProto.onnx.ModelProto.decode(onnx).graph?.node ?? []) {
    const slash = (n.name ?? '').indexOf('/');
    if (slash > 0) for (const out of n.output ?? []) scopes.set(out, { scope: n.name!.slice(0, slash), op: n.opType ?? '', input: n.input?.[0] ?? '' });
  }
  return scopes;
}

/**
 * The scope of a node onnxruntime made by rewriting, found through the longest tensor name its name starts
 * with: its NCHWc Conv fused with the activation after it is named after the activation's output (e.g.
 * 'leakyrelu_6_nchwc') and counts as the conv's forward, marked '+act'. 'other' when none matches (layout
 * reorders, transposes onnxruntime inserted).
 */
function scopeOfRenamed(node: string, scopes: Map<string, Producer>): string {
  let best = '';
  for (const tensor of scopes.keys()) if (node.startsWith(`${tensor}_`) && tensor.length > best.length) best = tensor;
  if (!best) return 'other';
  const p = scopes.get(best)!;
  const conv = POINTWISE.has(p.op) ? scopes.get(p.input) : undefined;
  return conv?.op === 'Conv' ? `${conv.scope}+act` : p.scope;
}

/** Activations onnxruntime fuses into the Conv before them. */
const POINTWISE = new Set(['Relu', 'LeakyRelu', 'Tanh', 'Sigmoid', 'Elu', 'Softplus']);

function median(a: number[]): number {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
