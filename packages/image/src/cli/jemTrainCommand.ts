import { checkOutputPath, resolveNetwork, intOption, numberOption, parseCommand, ProgressBar, TrainingDivergedError } from '@ebm/core';
import { jemData } from '../jem/jemData.js';
import { disposeJemModel, loadJemModel, saveJemModel } from '../jem/JemModel.js';
import { JEM_DEFAULT_ITERATIONS, JEM_DEFAULTS, jemDecayIterations } from '../jem/JemOptions.js';
import { trainJem } from '../jem/trainJem.js';
import { jemNetwork } from '../jem/jemNetwork.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const d = JEM_DEFAULTS;
const spec = {
  name: 'ebm-image jem train',
  summary:
    'Trains a JEM classifier (Grathwohl et al. 2020): a small ConvNet whose logits f(x) define E(x) = −logsumexp f(x),\n' +
    'on cross-entropy plus MCMC maximum likelihood with SGLD from a replay buffer (JEM: 20 steps, step size 1, noise\n' +
    '0.01, buffer 10,000, reinitialisation 0.05). --px-weight 0 trains a plain classifier (cross-entropy only).\n' +
    'Data: the `mnist` package (10,000 digits; 2,000 held out for jem eval) or a folder of class sub-folders.',
  options: {
    out: { type: 'string', value: 'jem.ebm', description: 'model file to write (atomically; also every --checkpoint-every iterations)', required: true },
    data: { type: 'string', value: 'mnist|folder', description: "'mnist' or a folder with one sub-folder of images per class", default: 'mnist' },
    iterations: { type: 'string', value: 'N', description: 'parameter updates', default: String(JEM_DEFAULT_ITERATIONS) },
    'batch-size': { type: 'string', value: 'B', description: 'labelled images (and SGLD chains) per update', default: String(d.batchSize) },
    'learning-rate': { type: 'string', value: 'η', description: 'Adam learning rate after warm-up', default: String(d.learningRate) },
    warmup: { type: 'string', value: 'N', description: 'iterations of linear learning-rate warm-up', default: String(d.warmupIterations) },
    'no-decay': { type: 'boolean', description: "keep the learning rate (default: ×0.3 after 80 % and 90 % of --iterations, JEM's schedule)" },
    'px-weight': { type: 'string', value: 'w', description: 'weight of log p(x), the SGLD term (0: plain classifier)', default: String(d.pxWeight) },
    'energy-penalty': { type: 'string', value: 'α', description: 'α of the penalty α·(E(data)² + E(samples)²) on the logits\' scale (0: none, as JEM)', default: String(d.energyPenalty) },
    'sgld-steps': { type: 'string', value: 'K', description: 'SGLD steps per update', default: String(d.sgld.steps) },
    'sgld-step-size': { type: 'string', value: 'α', description: 'SGLD gradient step', default: String(d.sgld.stepSize) },
    'sgld-noise': { type: 'string', value: 'η', description: 'SGLD noise std', default: String(d.sgld.noiseStd) },
    'buffer-size': { type: 'string', value: 'N', description: 'replay buffer capacity', default: String(d.replay.capacity) },
    'reinit-prob': { type: 'string', value: 'p', description: 'probability a chain restarts from noise', default: String(d.replay.reinitProb) },
    'data-noise': { type: 'string', value: 'σ', description: 'Gaussian noise added to data batches', default: String(d.dataNoise) },
    shift: { type: 'string', value: 'px', description: 'random translation of data batches, pixels', default: String(d.shift) },
    width: { type: 'string', value: 'C', description: 'channels of the first conv layer', default: '32' },
    init: { type: 'string', value: 'model.ebm', description: 'start from the θ of this classifier (same data and --width), e.g. a plain one from --px-weight 0' },
    'checkpoint-every': { type: 'string', value: 'N', description: 'write --out every N iterations (0: only at the end)', default: '250' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-image jem train --out jem.ebm', 'ebm-image jem train --out plain.ebm --px-weight 0', 'ebm-image jem train --data pets/ --out pets.ebm --iterations 500'],
} as const;

/** `ebm-image jem train`: see {@link spec}. */
export async function jemTrainCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const iterations = intOption('iterations', o.iterations, 1)!;
  const checkpointEvery = intOption('checkpoint-every', o['checkpoint-every'], 0)!;
  const positive = { min: 0, exclusiveMin: true };
  const jem = {
    batchSize: intOption('batch-size', o['batch-size'], 1)!,
    learningRate: numberOption('learning-rate', o['learning-rate'], positive)!,
    warmupIterations: intOption('warmup', o.warmup, 0)!,
    decayIterations: o['no-decay'] ? [] : jemDecayIterations(iterations),
    pxWeight: numberOption('px-weight', o['px-weight'], { min: 0 })!,
    energyPenalty: numberOption('energy-penalty', o['energy-penalty'], { min: 0 })!,
    sgld: {
      ...d.sgld,
      steps: intOption('sgld-steps', o['sgld-steps'], 1)!,
      stepSize: numberOption('sgld-step-size', o['sgld-step-size'], positive)!,
      noiseStd: numberOption('sgld-noise', o['sgld-noise'], { min: 0 })!,
    },
    replay: { capacity: intOption('buffer-size', o['buffer-size'], 1)!, reinitProb: numberOption('reinit-prob', o['reinit-prob'], { min: 0 })! },
    dataNoise: numberOption('data-noise', o['data-noise'], { min: 0 })!,
    shift: intOption('shift', o.shift, 0)!,
    seed: seedOption(o.seed),
  };
  const { train, test } = await jemData(o.data);
  const width = intOption('width', o.width, 1);
  let init: Float32Array | undefined;
  if (o.init) {
    const start = await loadJemModel(o.init, { threads: 1 });
    init = start.model.theta.slice();
    const names = start.classNames.join(', ');
    await disposeJemModel(start);
    const expected = resolveNetwork(jemNetwork({ input: train.shape, classes: train.classNames.length, width })).paramCount;
    if (names !== train.classNames.join(', ') || init.length !== expected) {
      throw new Error(`--init ${o.init}: its network (classes ${names}, ${init.length} parameters) differs from the one trained here (classes ${train.classNames.join(', ')}, --width ${width ?? 32}); give a classifier trained on the same data with the same --width`);
    }
  }
  process.stderr.write(`${o.data}: ${train.count} training and ${test.count} held-out images [${train.shape.join(', ')}], ${train.classNames.length} classes\n`);
  const started = Date.now();
  const bar = new ProgressBar('training', iterations);
  const command = ['ebm-image', 'jem', 'train', ...argv].join(' ');
  let saved = 0;
  let m;
  try {
    m = await trainJem(train, {
      iterations,
      jem,
      width,
      init,
      data: o.data,
      threads: threadsOption(o.threads),
      onIteration: async (e, model) => {
        const px = Number.isNaN(e.sampleEnergy) ? '' : ` E(data) ${e.dataEnergy.toFixed(1)} E(samples) ${e.sampleEnergy.toFixed(1)}`;
        bar.update(e.iteration, `CE ${e.crossEntropy.toFixed(3)} acc ${(100 * e.batchAccuracy).toFixed(0)}%${px} ${e.seconds.toFixed(2)} s/it`);
        if (checkpointEvery > 0 && e.iteration % checkpointEvery === 0 && e.iteration < iterations) {
          await saveJemModel(o.out, model, { command, checkpoint: true });
          saved = e.iteration;
        }
      },
    });
  } catch (e) {
    if (e instanceof TrainingDivergedError) {
      const kept = saved > 0 ? `${o.out} holds the checkpoint of iteration ${saved}` : `nothing written to ${o.out}`;
      throw new Error(`${o.data}: training diverged (${e.message}); ${kept}`);
    }
    throw e;
  }
  const seconds = (Date.now() - started) / 1000;
  await saveJemModel(o.out, m, { command, seconds });
  await m.classifier.dispose();
  await m.model.dispose();
  process.stderr.write(`wrote ${o.out} (${m.iteration} iterations, ${seconds.toFixed(0)} s, ${(seconds / m.iteration).toFixed(2)} s per iteration)\n`);
}
