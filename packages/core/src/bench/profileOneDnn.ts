import { Rng } from '../random/Rng.js';
import { initParams } from '../spec/initParams.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork, shapeSize } from '../spec/resolveNetwork.js';
import { OneDnnNet } from '../runtime/OneDnnNet.js';
import { loadOneDnn } from '../runtime/oneDnnAddon.js';
import { RuntimeError } from '../runtime/RuntimeError.js';
import type { BenchMeasure } from './benchFlops.js';
import type { MeasureProfile, ProfileEntry, ProfileOptions } from './profileBench.js';

/**
 * {@link profileNetwork} on the oneDNN engine: the Langevin step's input-gradient net at batch N (θ set once, as a
 * frozen snapshot runs) and the update's parameter-gradient net at 2N (θ copied in every run, as training does), with
 * every primitive, reorder and layout move of a run timed by the addon. Parts are named by layer and direction like
 * the graphs' scopes ('L0.conv3d+L1.leakyRelu.fwd': a conv with its activation fused) and by what ran ('forward',
 * 'input gradient', 'weight gradient', 'activation backward', 'reorder'); each part's median (or least) over the runs.
 */
export async function profileOneDnnNetwork(spec: NetworkSpec, batch: number, opts: ProfileOptions = {}): Promise<MeasureProfile[]> {
  const loaded = loadOneDnn();
  if ('reason' in loaded) throw new RuntimeError(loaded.reason);
  const net = resolveNetwork(spec);
  const theta = initParams(net.params, 0);
  const rng = new Rng(0);
  const size = batch * shapeSize(spec.input);
  const x = rng.fillNormal(new Float32Array(size)) as Float32Array;
  const pair = rng.fillNormal(new Float32Array(2 * size)) as Float32Array;
  const weights = new Float32Array(2 * batch).fill(1 / batch, 0, batch).fill(-1 / batch, batch);
  const threads = opts.threads ?? 2;
  // The nets as EnergyModel builds them (the first conv's layout by the same rule).
  const step = OneDnnNet.forShape(loaded.addon, net, batch, 'inputGrad');
  step.setParams(theta);
  const update = OneDnnNet.forShape(loaded.addon, net, 2 * batch, 'paramGrad');
  return [
    await profileRuns('langevin_step', step, () => step.run(x, null, threads), opts),
    await profileRuns('param_update', update, () => update.run(pair, theta, threads, weights), opts),
  ];
}

async function profileRuns(measure: BenchMeasure, net: OneDnnNet, run: () => Promise<unknown>, opts: ProfileOptions): Promise<MeasureProfile> {
  const reps = opts.reps ?? 5;
  for (let i = 0; i < (opts.warmup ?? 2); i++) await run();
  net.setProfiling(true);
  const runs: { layer: string; what: string; ms: number }[][] = [];
  const wall: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await run();
    wall.push(performance.now() - t0);
    runs.push(net.lastProfile());
  }
  net.setProfiling(false);
  const pick = (v: number[]) => (opts.statistic === 'min' ? Math.min(...v) : median(v));
  // The same parts in the same order every run: index i is one part.
  const parts = runs[0].map((p, i) => ({ layer: p.layer, what: p.what, ms: pick(runs.map((r) => r[i]?.ms ?? 0)) }));
  const group = (key: (p: (typeof parts)[number]) => string) => {
    const m = new Map<string, number>();
    for (const p of parts) m.set(key(p), (m.get(key(p)) ?? 0) + p.ms);
    return [...m].map(([name, ms]) => ({ name, ms: round2(ms) }));
  };
  const nodes: ProfileEntry[] = parts.map((p) => ({ name: `${p.layer} ${p.what}`, op: p.what, ms: round2(p.ms) }));
  return {
    measure,
    runs: reps,
    runMs: round2(pick(wall)),
    nodeMs: round2(parts.reduce((a, p) => a + p.ms, 0)),
    byLayer: group((p) => p.layer).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    byOp: group((p) => p.what).sort((a, b) => b.ms - a.ms),
    topNodes: nodes.sort((a, b) => b.ms - a.ms).slice(0, opts.top ?? 12),
  };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
