import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { writeSampleSheet } from '../io/sampleSheet.js';
import { writePng } from '../io/writePng.js';
import { loadImageModel } from '../model/loadImageModel.js';
import { synthesize } from '../synthesis/synthesize.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-image synthesize',
  summary:
    "Synthesizes images from a model file by its sampler (Langevin for textures, SGLD for objects) started from noise.\n" +
    'One image is written as it is; several as a sample sheet (a grid in one PNG). Texture models take any --width/--height.',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file from ebm-image train', required: true },
    out: { type: 'string', value: 'file.png', description: 'PNG to write', required: true },
    count: { type: 'string', value: 'N', description: 'images to synthesize (N > 1 writes a sample sheet)', default: '1' },
    width: { type: 'string', value: 'W', description: 'width in pixels (default: the training width)' },
    height: { type: 'string', value: 'H', description: 'height in pixels (default: the training height)' },
    steps: { type: 'string', value: 'K', description: "sampler steps (default: the model's, what training used)" },
    'step-size': { type: 'string', value: 'δ', description: "sampler step size (default: the model's)" },
    columns: { type: 'string', value: 'N', description: 'images per row of a sample sheet (default: √N)' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-image synthesize --model brick.ebm --out brick-128.png --width 128 --height 128', 'ebm-image synthesize --model faces.ebm --count 16 --out sheet.png'],
} as const;

/** `ebm-image synthesize`: see {@link spec}. */
export async function synthesizeCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  if (!o.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out ${o.out}: synthesize writes PNG; give a .png file name`);
  const count = intOption('count', o.count)!;
  const m = await loadImageModel(o.model, { threads: threadsOption(o.threads) });
  const width = intOption('width', o.width) ?? (o.height !== undefined ? intOption('height', o.height) : undefined) ?? m.width;
  const height = intOption('height', o.height) ?? (o.width !== undefined ? width : m.height);
  let bar: ProgressBar | undefined;
  const images = await synthesize(m, {
    count,
    width,
    height,
    steps: intOption('steps', o.steps, 0),
    stepSize: numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true }),
    seed: seedOption(o.seed),
    onStep: (done, total) => (bar ??= new ProgressBar('synthesizing', total)).update(done),
  });
  await m.model.dispose();
  if (images.length === 1) await writePng(o.out, images[0]);
  else await writeSampleSheet(o.out, images, { columns: intOption('columns', o.columns) });
  process.stderr.write(`wrote ${o.out} (${count} image${count > 1 ? 's' : ''} of ${width}x${height})\n`);
}
