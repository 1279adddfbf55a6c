import { writeFileAtomic } from '../model/atomicWrite.js';
import { Rng } from '../random/Rng.js';
import { BlockGibbs } from '../samplers/BlockGibbs.js';
import { encodeGreyPng } from '../rbm/greyImageFiles.js';
import { loadRbmModel } from '../rbm/rbmModelFile.js';
import { sigmoidInPlace, visibleInput, transposeWeights } from '../rbm/rbmConditionals.js';
import { checkOutputPath } from './checkOutputPath.js';
import { intOption, parseCommand } from './CommandSpec.js';
import { ProgressBar } from './ProgressBar.js';

const spec = {
  name: 'ebm rbm sample',
  summary:
    'Draws samples from an RBM by block Gibbs sampling from random binary starts and writes them as one grey PNG sheet\n' +
    '(each sample shown as p(v = 1 | h) of its last sweep, the usual way to show RBM samples).',
  options: {
    model: { type: 'string', value: 'rbm.ebm', description: 'RBM model file', required: true },
    out: { type: 'string', value: 'sheet.png', description: 'PNG sheet to write', required: true },
    count: { type: 'string', value: 'N', description: 'number of samples (chains)', default: '64' },
    'gibbs-steps': { type: 'string', value: 'K', description: 'block Gibbs sweeps per chain', default: '1000' },
    seed: { type: 'string', value: 'S', description: 'random seed', default: '0' },
  },
  examples: ['ebm rbm sample --model rbm.ebm --out sheet.png --count 100 --gibbs-steps 1000'],
} as const;

/** `ebm rbm sample`: see {@link spec}. */
export async function rbmSampleCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const count = intOption('count', o.count, 1)!;
  const steps = intOption('gibbs-steps', o['gibbs-steps'], 1)!;
  const m = await loadRbmModel(o.model);
  const { visible: V, hidden: H } = m.rbm;
  const rng = new Rng(intOption('seed', o.seed, 0));
  const v = new Float32Array(count * V).map(() => (rng.uniform() < 0.5 ? 1 : 0));
  const bar = new ProgressBar('sampling', steps);
  const { h } = new BlockGibbs({ steps }).sample(m.rbm, v, { rng, onStep: (t) => bar.update(t + 1) });
  // Show p(v | h) of the last hidden draw: the mean image the chain sits at.
  const pv = visibleInput(transposeWeights(m.rbm), V, H, h, new Float32Array(count * V));
  for (let n = 0; n < count; n++) for (let i = 0; i < V; i++) pv[n * V + i] += m.rbm.b[i];
  sigmoidInPlace(pv);
  const sheet = tile(pv, count, m.height, m.width);
  await writeFileAtomic(o.out, await encodeGreyPng(sheet));
  process.stderr.write(`wrote ${o.out} (${count} samples after ${steps} Gibbs sweeps)\n`);
}

/** N images [N·h·w] in a grid of ⌈√N⌉ columns with 2-pixel white gaps. */
function tile(x: Float32Array, N: number, h: number, w: number): { width: number; height: number; data: Float32Array } {
  const cols = Math.ceil(Math.sqrt(N));
  const rows = Math.ceil(N / cols);
  const gap = 2;
  const W = cols * (w + gap) + gap;
  const Hs = rows * (h + gap) + gap;
  const data = new Float32Array(W * Hs).fill(1);
  for (let n = 0; n < N; n++) {
    const left = gap + (n % cols) * (w + gap);
    const top = gap + Math.floor(n / cols) * (h + gap);
    for (let y = 0; y < h; y++) data.set(x.subarray(n * h * w + y * w, n * h * w + (y + 1) * w), (top + y) * W + left);
  }
  return { width: W, height: Hs, data };
}
