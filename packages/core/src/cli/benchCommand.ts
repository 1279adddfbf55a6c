import { runBench } from '../bench/runBench.js';
import { BENCH_NETS, type BenchNetName } from '../spec/presets.js';
import { intOption, parseCommand, UsageError } from './CommandSpec.js';
import type { ExecutionProvider } from '../runtime/ExecutionOptions.js';

const spec = {
  name: 'ebm bench',
  summary:
    'Times the networks of shared/BENCHMARKS.md (texture, shortrun32, video, voxel): one Langevin step (E and dE/dx of\n' +
    'the batch, then the update) and one parameter update (E of data and samples, dE/dθ, Adam), medians after warm-up.\n' +
    'With --json prints the same one-line JSON as the PyTorch peer, so the two can be divided.',
  options: {
    nets: { type: 'string', value: 'list', description: 'comma-separated nets', default: Object.keys(BENCH_NETS).join(',') },
    threads: { type: 'string', value: 'N', description: 'intra-op threads', default: '2' },
    reps: { type: 'string', value: 'N', description: 'timed repetitions per measurement', default: '5' },
    warmup: { type: 'string', value: 'N', description: 'untimed runs first', default: '2' },
    ep: { type: 'string', value: 'cpu|cuda|webgpu', description: 'execution provider', default: 'cpu' },
    json: { type: 'boolean', description: 'print one JSON line' },
  },
  examples: ['ebm bench --json', 'ebm bench --nets texture,voxel --reps 9'],
} as const;

/** `ebm bench`: see {@link spec}. */
export async function benchCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const nets = o.nets.split(',').map((s) => s.trim()) as BenchNetName[];
  for (const n of nets) if (!(n in BENCH_NETS)) throw new UsageError(`--nets: unknown net '${n}'; choose from ${Object.keys(BENCH_NETS).join(', ')}`);
  const result = await runBench({
    nets,
    threads: intOption('threads', o.threads),
    reps: intOption('reps', o.reps),
    warmup: intOption('warmup', o.warmup, 0),
    executionProvider: o.ep as ExecutionProvider,
    onNet: (n) => !o.json && process.stderr.write(`timing ${n}…\n`),
  });
  if (o.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  process.stdout.write(`threads: ${result.threads}\n`);
  for (const n of nets) {
    const r = result[n] as { shape: number[]; langevin_step_ms: number; param_update_ms: number };
    process.stdout.write(`${n.padEnd(11)} [${r.shape.join(', ')}]  langevin step ${r.langevin_step_ms} ms  param update ${r.param_update_ms} ms\n`);
  }
}
