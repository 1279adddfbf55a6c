import { checkOutputPath, intOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { interpolate } from '../interpolation/interpolate.js';
import { readImage } from '../io/readImage.js';
import { writeSampleSheet } from '../io/sampleSheet.js';
import { loadImageModel } from '../model/loadImageModel.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-image interpolate',
  summary:
    'Writes a sample sheet of a path between two images under a model: each end is reconstructed by a short run of\n' +
    "the model's sampler started at the image, then the straight line between the reconstructions is pulled back to the\n" +
    'model by a few sampler steps per frame (the same noise for every frame). --to is scaled to the size of --from;\n' +
    'object models take images at their training size (both are scaled to it).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file from ebm-image train', required: true },
    from: { type: 'string', value: 'a.png', description: 'first image', required: true },
    to: { type: 'string', value: 'b.png', description: 'last image', required: true },
    frames: { type: 'string', value: 'N', description: 'frames, both ends included', default: '8' },
    out: { type: 'string', value: 'sheet.png', description: 'PNG sample sheet to write', required: true },
    steps: { type: 'string', value: 'K', description: "reconstruction steps per end (default: the model's)" },
    'frame-steps': { type: 'string', value: 'K', description: 'sampler steps per frame', default: '10' },
    columns: { type: 'string', value: 'N', description: 'frames per row (default: all in one row)' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-image interpolate --model brick.ebm --from a.png --to b.png --frames 8 --out path.png'],
} as const;

/** `ebm-image interpolate`: see {@link spec}. */
export async function interpolateCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!o.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out ${o.out}: interpolate writes a PNG sheet; give a .png file name`);
  await checkOutputPath(o.out);
  const frames = intOption('frames', o.frames, 2)!;
  const m = await loadImageModel(o.model, { threads: threadsOption(o.threads) });
  const fixedSize = m.preset.anySize ? undefined : { width: m.width, height: m.height };
  const a = await readImage(o.from, { channels: m.channels, ...(fixedSize ? { size: fixedSize } : {}) });
  const b = await readImage(o.to, { channels: m.channels, size: { width: a.width, height: a.height } });
  let bar: ProgressBar | undefined;
  const path = await interpolate(m, a, b, {
    frames,
    reconstructSteps: intOption('steps', o.steps, 0),
    frameSteps: intOption('frame-steps', o['frame-steps'], 0),
    seed: seedOption(o.seed),
    onStep: (d, t) => (bar ??= new ProgressBar('interpolating', t)).update(d),
  });
  await m.model.dispose();
  await writeSampleSheet(o.out, path, { columns: intOption('columns', o.columns) ?? frames });
  process.stderr.write(`wrote ${o.out} (${frames} frames of ${a.width}x${a.height})\n`);
}
