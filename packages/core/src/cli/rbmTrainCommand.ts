import { binaryDigits } from '../rbm/binaryDigits.js';
import { ContrastiveDivergence } from '../rbm/ContrastiveDivergence.js';
import { createRbm } from '../rbm/createRbm.js';
import { saveRbmModel } from '../rbm/rbmModelFile.js';
import { checkOutputPath } from './checkOutputPath.js';
import { intOption, numberOption, parseCommand } from './CommandSpec.js';
import { ProgressBar } from './ProgressBar.js';

const spec = {
  name: 'ebm rbm train',
  summary:
    'Trains a Bernoulli–Bernoulli RBM by contrastive divergence (CD-k, Hinton 2002) or persistent CD (Tieleman 2008),\n' +
    "with momentum (0.5 for 5 epochs, then --momentum) and L2 weight decay. Data: the mnist package's 8,000 training\n" +
    'digits (2,000 held out for rbm eval) or a folder of images (PNG, JPEG, …), binarised at 0.5.',
  options: {
    data: { type: 'string', value: 'mnist|folder', description: "'mnist' or a folder of images of one size (PNG, JPEG, WebP, …)", default: 'mnist' },
    hidden: { type: 'string', value: 'H', description: 'hidden units', default: '500' },
    out: { type: 'string', value: 'rbm.ebm', description: 'model file to write (atomically, at the end)', required: true },
    epochs: { type: 'string', value: 'N', description: 'passes over the training data (about 8 s of one core each for 500 hidden units on 8,000 digits)', default: '200' },
    cd: { type: 'string', value: 'K', description: 'Gibbs sweeps per update (CD-K / PCD-K)', default: '1' },
    persistent: { type: 'boolean', description: 'persistent CD: negative chains carry over between updates (the default)' },
    'no-persistent': { type: 'boolean', description: 'plain CD-K: negative chains restart at the data batch every update' },
    'learning-rate': { type: 'string', value: 'η', description: 'learning rate', default: '0.05' },
    momentum: { type: 'string', value: 'μ', description: 'momentum after the first 5 epochs', default: '0.5' },
    'lr-decay': { type: 'boolean', description: 'learning rate falls linearly to 0 over --epochs, Tieleman\'s PCD schedule (the default)' },
    'no-lr-decay': { type: 'boolean', description: 'keep the learning rate constant' },
    'weight-decay': { type: 'string', value: 'λ', description: 'L2 weight decay on W', default: '0.0002' },
    'batch-size': { type: 'string', value: 'B', description: 'images per update (and persistent chains)', default: '100' },
    'checkpoint-every': { type: 'string', value: 'N', description: 'also write --out every N epochs (0: only at the end)', default: '0' },
    seed: { type: 'string', value: 'S', description: 'random seed', default: '0' },
    threads: { type: 'string', value: 'N', description: 'onnxruntime threads of the matrix products (default: all cores)' },
  },
  examples: ['ebm rbm train --data mnist --hidden 500 --out rbm.ebm', 'ebm rbm train --data mnist --hidden 500 --out rbm-cd5.ebm --no-persistent --cd 5 --momentum 0.9 --epochs 50'],
} as const;

/** `ebm rbm train`: see {@link spec}. */
export async function rbmTrainCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const hidden = intOption('hidden', o.hidden, 1)!;
  const epochs = intOption('epochs', o.epochs, 1)!;
  const seed = intOption('seed', o.seed, 0)!;
  const options = {
    k: intOption('cd', o.cd, 1)!,
    persistent: !o['no-persistent'],
    learningRate: numberOption('learning-rate', o['learning-rate'], { min: 0, exclusiveMin: true })!,
    momentum: numberOption('momentum', o.momentum, { min: 0 })!,
    weightDecay: numberOption('weight-decay', o['weight-decay'], { min: 0 })!,
    batchSize: intOption('batch-size', o['batch-size'], 1)!,
    decayEpochs: o['no-lr-decay'] ? 0 : epochs,
    seed,
  };
  const { train, test } = await binaryDigits(o.data);
  const V = train.height * train.width;
  process.stderr.write(`${o.data}: ${train.count} training and ${test.count} held-out binary images ${train.width}x${train.height}\n`);
  const rbm = createRbm(V, hidden, seed, train.v);
  const cd = new ContrastiveDivergence(rbm, options, { threads: intOption('threads', o.threads, 1) });
  const checkpointEvery = intOption('checkpoint-every', o['checkpoint-every'], 0)!;
  const bar = new ProgressBar('training', epochs);
  const command = ['ebm', 'rbm', 'train', ...argv].join(' ');
  const save = (done: number, seconds: number) =>
    saveRbmModel(
      o.out,
      { rbm, height: train.height, width: train.width, data: o.data, epochs: done, training: { method: options.persistent ? `PCD-${options.k}` : `CD-${options.k}`, options } },
      { command, seconds },
    );
  let seconds = 0;
  let saved = 0;
  for (let e = 0; e < epochs; e++) {
    const ev = await cd.epoch(train.v);
    seconds += ev.seconds;
    if (!rbm.W.every(Number.isFinite)) {
      const kept = saved > 0 ? `${o.out} holds the checkpoint of epoch ${saved}` : `nothing written to ${o.out}`;
      throw new Error(`${o.data}: training diverged at epoch ${ev.epoch} (non-finite weights); lower --learning-rate; ${kept}`);
    }
    bar.update(ev.epoch, `reconstruction error ${ev.reconstructionError.toFixed(2)} ${ev.seconds.toFixed(1)} s/epoch`);
    if (checkpointEvery > 0 && ev.epoch % checkpointEvery === 0 && ev.epoch < epochs) {
      await save(ev.epoch, seconds);
      saved = ev.epoch;
    }
  }
  await cd.dispose();
  await save(epochs, seconds);
  process.stderr.write(`wrote ${o.out} (${V}x${hidden} RBM, ${epochs} epochs, ${seconds.toFixed(0)} s, ${(seconds / epochs).toFixed(1)} s per epoch)\n`);
}
