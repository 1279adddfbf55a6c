import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { writeSampleSheet } from '../io/sampleSheet.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { classify } from '../jem/evaluateJem.js';
import { disposeJemModel, loadJemModel, type JemModel } from '../jem/JemModel.js';
import { argmax } from '../jem/JemTrainer.js';
import { JEM_NORMALISATION } from '../jem/LabelledImages.js';
import { sampleJemClass } from '../jem/sampleJemClass.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-image jem sample',
  summary:
    'Draws class-conditional samples from a JEM model by SGLD on E(x, y) = −f(x)[y], started from its replay buffer\n' +
    '(or from noise), and writes them as one PNG sheet. --judge scores them with a separately trained classifier.',
  options: {
    model: { type: 'string', value: 'jem.ebm', description: 'JEM model file', required: true },
    class: { type: 'string', value: 'y', description: 'class name (e.g. 3) or index 0…K−1', required: true },
    out: { type: 'string', value: 'sheet.png', description: 'PNG sheet to write', required: true },
    count: { type: 'string', value: 'N', description: 'number of samples', default: '16' },
    steps: { type: 'string', value: 'K', description: 'SGLD steps on E(x, y)', default: '100' },
    'step-size': { type: 'string', value: 'α', description: "SGLD gradient step (default: the model's training SGLD)" },
    noise: { type: 'string', value: 'η', description: "SGLD noise std (default: the model's training SGLD)" },
    init: { type: 'string', value: 'buffer|noise', description: 'chain start (default: buffer when the model has one)' },
    columns: { type: 'string', value: 'N', description: 'images per row of the sheet (default: about √count)' },
    judge: { type: 'string', value: 'plain.ebm', description: 'another JEM/plain classifier: report how many samples it labels as the class' },
    json: { type: 'boolean', description: 'print one JSON object (class, count, judged_as_class) on the last line of stdout' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-image jem sample --model jem.ebm --class 3 --count 16 --out three.png', 'ebm-image jem sample --model jem.ebm --class 7 --count 100 --out seven.png --judge plain.ebm'],
} as const;

/** `ebm-image jem sample`: see {@link spec}. */
export async function jemSampleCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const count = intOption('count', o.count, 1)!;
  const steps = intOption('steps', o.steps, 0)!;
  if (o.init !== undefined && o.init !== 'buffer' && o.init !== 'noise') throw new UsageError(`--init ${o.init} must be 'buffer' or 'noise'`);
  const threads = threadsOption(o.threads);
  const m = await loadJemModel(o.model, { threads });
  let judge: JemModel | undefined;
  try {
    const y = classIndex(m, o.model, o.class);
    if (o.init === 'buffer' && m.replay.length === 0) throw new UsageError(`--init buffer: ${o.model} has no replay buffer (a plain classifier); use --init noise`);
    if (o.judge) judge = await loadJemModel(o.judge, { threads });
    const sgld = {
      ...(o['step-size'] !== undefined ? { stepSize: numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true })! } : {}),
      ...(o.noise !== undefined ? { noiseStd: numberOption('noise', o.noise, { min: 0 })! } : {}),
    };
    const bar = new ProgressBar('sampling', steps);
    const x = await sampleJemClass(m, {
      classIndex: y,
      count,
      steps,
      init: o.init as 'buffer' | 'noise' | undefined,
      sgld,
      seed: seedOption(o.seed),
      onStep: (k, e) => bar.update(k + 1, `E(x, y) ${e.toFixed(2)}`),
    });
    if (!x.every(Number.isFinite)) throw new Error(`${o.model}: sampling diverged (NaN); lower --step-size; nothing written to ${o.out}`);
    const [C, H, W] = m.model.inputShape;
    const D = C * H * W;
    const images: ImageTensor[] = [];
    for (let n = 0; n < count; n++) {
      const data = new Float32Array(D);
      for (let i = 0; i < D; i++) data[i] = Math.min(1, Math.max(0, (x[n * D + i] - JEM_NORMALISATION.offset) / JEM_NORMALISATION.scale));
      images.push({ data, channels: C as 1 | 3, width: W, height: H });
    }
    let judged: number | undefined;
    if (judge) {
      const { logits } = await classify(judge.classifier, x, D);
      const K = judge.classifier.classes;
      judged = 0;
      for (let n = 0; n < count; n++) if (argmax(logits, n * K, K) === y) judged++;
    }
    await writeSampleSheet(o.out, images, { columns: intOption('columns', o.columns, 1) });
    const name = m.classNames[y];
    process.stderr.write(`wrote ${o.out} (${count} samples of class ${name}, ${steps} SGLD steps)\n`);
    if (judged !== undefined) process.stderr.write(`${o.judge} labels ${judged} of ${count} samples as class ${name} (${((100 * judged) / count).toFixed(1)} %)\n`);
    if (o.json) process.stdout.write(JSON.stringify({ class: name, count, judged_as_class: judged === undefined ? null : judged / count }) + '\n');
  } finally {
    if (judge) await disposeJemModel(judge);
    await disposeJemModel(m);
  }
}

/** The class index for a --class value: a class name, else an index 0…K−1. */
function classIndex(m: JemModel, file: string, value: string): number {
  const byName = m.classNames.indexOf(value);
  if (byName >= 0) return byName;
  const k = Number(value);
  if (Number.isInteger(k) && k >= 0 && k < m.classNames.length) return k;
  throw new UsageError(`--class ${value}: ${file} has classes ${m.classNames.join(', ')}; give one of them or an index 0…${m.classNames.length - 1}`);
}
