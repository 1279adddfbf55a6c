import { runBench, type NetTiming } from '../bench/runBench.js';
import { profileBench } from '../bench/profileBench.js';
import { formatProfile } from '../bench/formatProfile.js';
import { BENCH_NETS, type BenchNetName } from '../spec/presets.js';
import { intOption, parseCommand, UsageError } from './CommandSpec.js';
import type { ExecutionProvider } from '../runtime/ExecutionOptions.js';
import { chooseOneDnn, ENGINES, requestedEngine, type Engine } from '../runtime/engineChoice.js';
import { profileOneDnnNetwork } from '../bench/profileOneDnn.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';

const spec = {
  name: 'ebm bench',
  summary:
    'Times the networks of shared/BENCHMARKS.md (texture, shortrun32, video, voxel): one Langevin step (E and dE/dx of\n' +
    'the batch, then the update) and one parameter update (E of data and samples, dE/dθ, Adam), medians after warm-up.\n' +
    'With --json prints the same one-line JSON as the PyTorch peer, so the two can be divided, plus the GFLOP/s each\n' +
    'measure achieves (convolution and linear FLOPs counted from the spec) and this machine\'s GEMM rate (gemm_gflops).\n' +
    'With --profile prints where the time goes per layer and node: onnxruntime\'s profiler on the graphs, or the oneDNN\n' +
    'engine\'s own timing of every primitive (per net, the engine --engine picks).',
  options: {
    nets: { type: 'string', value: 'list', description: 'comma-separated nets', default: Object.keys(BENCH_NETS).join(',') },
    threads: { type: 'string', value: 'N', description: 'intra-op threads', default: '2' },
    reps: { type: 'string', value: 'N', description: 'timed repetitions per measurement', default: '5' },
    warmup: { type: 'string', value: 'N', description: 'untimed runs first', default: '2' },
    ep: { type: 'string', value: 'cpu|cuda|webgpu', description: 'execution provider', default: 'cpu' },
    engine: { type: 'string', value: 'auto|onnx|onednn', description: 'engine (default: EBM_ENGINE, else auto)' },
    json: { type: 'boolean', description: 'print one JSON line' },
    profile: { type: 'boolean', description: 'per-layer and per-node times from onnxruntime\'s profiler instead of timings' },
  },
  examples: ['ebm bench --json', 'ebm bench --nets texture,voxel --reps 9', 'ebm bench --profile --nets video', 'ebm bench --engine onnx --json'],
} as const;

/** `ebm bench`: see {@link spec}. */
export async function benchCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const nets = o.nets.split(',').map((s) => s.trim()) as BenchNetName[];
  for (const n of nets) if (!(n in BENCH_NETS)) throw new UsageError(`--nets: unknown net '${n}'; choose from ${Object.keys(BENCH_NETS).join(', ')}`);
  const engine = o.engine as Engine | undefined;
  if (engine !== undefined && !ENGINES.includes(engine)) throw new UsageError(`--engine: '${engine}' is not one of ${ENGINES.join(', ')}`);
  requestedEngine({ engine }); // a bad EBM_ENGINE fails before any work
  if (o.profile) {
    const threads = intOption('threads', o.threads);
    const all: Record<string, unknown> = { threads };
    for (const n of nets) {
      if (!o.json) process.stderr.write(`profiling ${n}…\n`);
      const popts = { threads, reps: intOption('reps', o.reps), warmup: intOption('warmup', o.warmup, 0) };
      const { spec: netSpec, batch } = BENCH_NETS[n];
      const onednn = chooseOneDnn({ engine, executionProvider: 'cpu' }, resolveNetwork(netSpec)) !== null;
      const p = onednn ? await profileOneDnnNetwork(netSpec, batch, popts) : await profileBench(n, popts);
      if (!o.json) process.stdout.write(`${n}: ${onednn ? 'oneDNN engine' : 'onnxruntime graphs'}\n`);
      if (o.json) all[n] = p;
      else process.stdout.write(formatProfile(n, p));
    }
    if (o.json) process.stdout.write(JSON.stringify(all) + '\n');
    return;
  }
  const result = await runBench({
    nets,
    threads: intOption('threads', o.threads),
    reps: intOption('reps', o.reps),
    warmup: intOption('warmup', o.warmup, 0),
    executionProvider: o.ep as ExecutionProvider,
    engine,
    onNet: (n) => !o.json && process.stderr.write(`timing ${n}…\n`),
  });
  if (o.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  process.stdout.write(`threads: ${result.threads}, GEMM ${result.gemm_gflops} GFLOP/s\n`);
  for (const n of nets) {
    const r = result[n] as NetTiming;
    process.stdout.write(
      `${n.padEnd(11)} [${r.shape.join(', ')}] ${r.engine.padEnd(6)}  langevin step ${r.langevin_step_ms} ms (${r.langevin_step_gflops} GFLOP/s)  ` +
        `param update ${r.param_update_ms} ms (${r.param_update_gflops} GFLOP/s)\n`,
    );
  }
}
