import { binaryDigits } from '../rbm/binaryDigits.js';
import { evaluateRbm } from '../rbm/evaluateRbm.js';
import { loadRbmModel } from '../rbm/rbmModelFile.js';
import { intOption, parseCommand } from './CommandSpec.js';
import { ProgressBar } from './ProgressBar.js';

const spec = {
  name: 'ebm rbm eval',
  summary:
    'Estimates the log-likelihood of held-out binary images under an RBM by annealed importance sampling\n' +
    '(Salakhutdinov & Murray 2008: a base-rate model annealed to the RBM, --ais-runs runs, --ais-temperatures steps),\n' +
    'in nats per image, with the AIS standard error of log Z; and the reconstruction error.',
  options: {
    model: { type: 'string', value: 'rbm.ebm', description: 'RBM model file (from ebm rbm train)', required: true },
    data: { type: 'string', value: 'mnist|folder', description: 'data whose held-out split to use (default: the one it was trained on)' },
    'ais-runs': { type: 'string', value: 'M', description: 'AIS runs', default: '100' },
    'ais-temperatures': { type: 'string', value: 'K', description: 'AIS intermediate temperatures', default: '10000' },
    json: { type: 'boolean', description: 'print one JSON object on the last line of stdout' },
    seed: { type: 'string', value: 'S', description: 'random seed', default: '0' },
    threads: { type: 'string', value: 'N', description: 'onnxruntime threads of the matrix products (default: all cores)' },
  },
  examples: ['ebm rbm eval --model rbm.ebm', 'ebm rbm eval --model rbm.ebm --json --ais-temperatures 30000'],
} as const;

/** `ebm rbm eval`: see {@link spec}. */
export async function rbmEvalCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const m = await loadRbmModel(o.model);
  const data = o.data ?? m.data;
  const { train, test } = await binaryDigits(data);
  if (test.height * test.width !== m.rbm.visible) {
    throw new Error(`${data} has ${test.width}x${test.height} images but ${o.model} has ${m.rbm.visible} visible units; give the data it was trained on`);
  }
  const temperatures = intOption('ais-temperatures', o['ais-temperatures'], 3)!;
  const bar = new ProgressBar('AIS', temperatures);
  const r = await evaluateRbm(m.rbm, test.v, {
    runs: intOption('ais-runs', o['ais-runs'], 2),
    temperatures,
    seed: intOption('seed', o.seed, 0),
    baseData: train.v,
    onProgress: (done) => bar.update(done),
    execution: { threads: intOption('threads', o.threads, 1) },
  });
  if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
  else {
    process.stdout.write(
      `${o.model} on ${r.count} held-out images of ${data}:\n` +
        `  AIS log-likelihood   ${r.ais_log_likelihood.toFixed(2)} ± ${r.ais_log_likelihood_std.toFixed(2)} nats per image\n` +
        `  log Z                ${r.log_partition.toFixed(2)} ± ${r.log_partition_std.toFixed(2)} (3σ range ${r.log_partition_range.map((v) => (Number.isFinite(v) ? v.toFixed(2) : '−∞')).join(' … ')}), ${r.ais_runs} runs, ${r.ais_temperatures} temperatures\n` +
        `  reconstruction error ${r.reconstruction_error.toFixed(2)} per image\n`,
    );
  }
}
