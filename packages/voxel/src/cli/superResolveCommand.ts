import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { readVoxelFile, writeVoxelFile } from '../io/voxelFileIO.js';
import { GridSizeError } from '../model/GridSizeError.js';
import { loadVoxelModel } from '../model/voxelModelFile.js';
import { superResolve } from '../superres/superResolve.js';
import { upsample } from '../superres/upsample.js';
import { OCCUPANCY_NOTE, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel super-resolve',
  summary:
    'Super-resolves a coarse grid by --scale: the model works at its own (fine) resolution; noise-free Langevin from the\n' +
    'trilinear upsampling, with every s³ block\'s mean held at its coarse value (core\'s block-average projection),\n' +
    'as in the paper; then each block\'s coarse count of filled cells goes to the cells the model rates highest\n' +
    '(--soft keeps the Langevin occupancies). --method nearest|trilinear are the classical baselines (no model needed).\n' +
    OCCUPANCY_NOTE,
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file at the fine resolution (not needed for the baselines)' },
    input: { type: 'string', value: 'coarse grid', description: 'coarse grid (.npy, .binvox, .vox); occupancies, e.g. block averages', required: true },
    scale: { type: 'string', value: '2|4', description: 'upsampling factor', required: true },
    out: { type: 'string', value: 'grid.npy|.binvox|.vox', description: 'fine grid', required: true },
    method: { type: 'string', value: 'model|nearest|trilinear', description: 'how the fine grid is made', default: 'model' },
    'step-size': { type: 'string', value: 'δ', description: 'noise-free Langevin step size δ (default: the preset\'s 0.07)' },
    steps: { type: 'string', value: 'K', description: 'Langevin steps (default: the preset\'s 10)' },
    soft: { type: 'boolean', description: 'keep the Langevin occupancies, without rounding each block to its coarse count' },
    threads: THREADS_OPTION,
  },
  examples: ['ebm-voxel super-resolve --model chairs64.ebm --input chair32.npy --scale 2 --out chair64.npy'],
} as const;

/** `ebm-voxel super-resolve`: see {@link spec}. */
export async function superResolveCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const scale = intOption('scale', o.scale, 2)!;
  if (o.method !== 'model' && o.method !== 'nearest' && o.method !== 'trilinear') throw new UsageError(`--method ${o.method} must be model, nearest or trilinear`);
  if (o.method === 'model' && !o.model) throw new UsageError('--model is required for --method model (or use --method nearest|trilinear)');
  const steps = intOption('steps', o.steps, 1);
  const stepSize = numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true });
  await checkOutputPath(o.out);
  const coarse = await readVoxelFile(o.input);
  let fine;
  if (o.method !== 'model') {
    fine = upsample(coarse, scale, o.method);
  } else {
    const m = await loadVoxelModel(o.model!, { threads: threadsOption(o.threads) });
    let bar: ProgressBar | undefined;
    try {
      fine = await superResolve(m, coarse, scale, { steps, stepSize, soft: o.soft === true, onStep: (k, total) => (bar ??= new ProgressBar('super-resolving', total)).update(k) });
    } catch (e) {
      if (e instanceof GridSizeError) throw new GridSizeError(`${o.input}: ${e.message}`);
      throw e;
    } finally {
      await m.model.dispose();
    }
  }
  const files = await writeVoxelFile(o.out, fine);
  process.stderr.write(`wrote ${files.join(', ')} (${fine.shape.slice(1).join('×')}, ${o.method})\n`);
}
