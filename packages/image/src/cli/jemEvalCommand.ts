import { parseCommand, ProgressBar } from '@ebm/core';
import { evaluateJem } from '../jem/evaluateJem.js';
import { jemData } from '../jem/jemData.js';
import { disposeJemModel, loadJemModel } from '../jem/JemModel.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-image jem eval',
  summary:
    "Evaluates a JEM model on the held-out images of its data (the mnist package's fixed 2,000, or 20 % of a folder):\n" +
    'accuracy, expected calibration error (15 bins), and AUROC of the energy score −E(x) for telling the held-out images\n' +
    'from uniform noise (ood_auroc_noise) and from the same images inverted (ood_auroc_inverted).',
  options: {
    model: { type: 'string', value: 'jem.ebm', description: 'JEM model file (from ebm-image jem train)', required: true },
    data: { type: 'string', value: 'mnist|folder', description: 'data whose held-out split to use (default: the one the model was trained on)' },
    json: { type: 'boolean', description: 'print one JSON object on the last line of stdout' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-image jem eval --model jem.ebm', 'ebm-image jem eval --model jem.ebm --json'],
} as const;

/** `ebm-image jem eval`: see {@link spec}. */
export async function jemEvalCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const m = await loadJemModel(o.model, { threads: threadsOption(o.threads) });
  try {
    const data = o.data ?? m.data;
    const { test } = await jemData(data);
    if (test.classNames.length !== m.classNames.length) {
      throw new Error(`${data} has ${test.classNames.length} classes but ${o.model} was trained on ${m.classNames.length}; give the data it was trained on`);
    }
    const bar = new ProgressBar('evaluating', 3);
    const r = await evaluateJem(m.classifier, test, seedOption(o.seed), (done) => bar.update(done));
    if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      process.stdout.write(
        `${o.model} on ${r.count} held-out images of ${data}:\n` +
          `  accuracy            ${(100 * r.accuracy).toFixed(2)} %\n` +
          `  ECE (15 bins)       ${r.ece.toFixed(4)}\n` +
          `  OOD AUROC, noise    ${r.ood_auroc_noise.toFixed(4)}\n` +
          `  OOD AUROC, inverted ${r.ood_auroc_inverted.toFixed(4)}\n` +
          `  mean E(x): data ${r.mean_energy.data.toFixed(2)}, noise ${r.mean_energy.noise.toFixed(2)}, inverted ${r.mean_energy.inverted.toFixed(2)}\n`,
      );
    }
  } finally {
    await disposeJemModel(m);
  }
}
