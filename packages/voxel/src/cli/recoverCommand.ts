import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { readVoxelFile, writeVoxelFile } from '../io/voxelFileIO.js';
import { GridSizeError } from '../model/GridSizeError.js';
import { loadVoxelModel } from '../model/voxelModelFile.js';
import { fillBaseline } from '../recovery/fillBaseline.js';
import { recoverByLearning } from '../recovery/recoverByLearning.js';
import { recoverShapes } from '../recovery/recoverShapes.js';
import { assertMaskFits } from '../recovery/VoxelMask.js';
import { assertGridSize } from '../training/trainVoxelModel.js';
import { OCCUPANCY_NOTE, SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel recover',
  summary:
    'Recovers the missing voxels of a shape (mask 1 = missing); observed voxels stay as given.\n' +
    '--method model (default): noise-free Langevin under the model (30 steps of δ = 0.04) from the fill baseline\'s\n' +
    'neighbourhood mean (--start fill: from its 0/1 majority).\n' +
    '--method fill: the classical baseline, each missing voxel the majority of the observed ones around it.\n' +
    '--learn: also learn from the incomplete grid itself (stochastic EM on core\'s learnFromIncomplete), from the model.\n' +
    OCCUPANCY_NOTE,
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file (not needed for --method fill)' },
    input: { type: 'string', value: 'grid', description: 'incomplete grid (.npy, .binvox, .vox); a .npy may hold a batch', required: true },
    mask: { type: 'string', value: 'mask.npy', description: 'missing voxels (1 = missing), the grid\'s size', required: true },
    out: { type: 'string', value: 'grid.npy|.binvox|.vox', description: 'recovered grid', required: true },
    method: { type: 'string', value: 'model|fill', description: 'how missing voxels are filled', default: 'model' },
    start: { type: 'string', value: 'soft-fill|fill', description: 'where the missing voxels start: the neighbourhood mean or the 0/1 fill', default: 'soft-fill' },
    learn: { type: 'boolean', description: 'learn from the incomplete grid itself as well (stochastic EM)' },
    'step-size': { type: 'string', value: 'δ', description: 'noise-free Langevin step size δ (default: the preset\'s 0.04; smaller for models with very large energies)' },
    steps: { type: 'string', value: 'K', description: 'Langevin steps (default: the preset\'s 30; with --learn 10 per sweep)' },
    iterations: { type: 'string', value: 'N', description: 'with --learn: parameter updates', default: '30' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: [
    'ebm-voxel recover --model chairs.ebm --input scan.npy --mask holes.npy --out repaired.npy',
    'ebm-voxel recover --input scan.npy --mask holes.npy --method fill --out filled.npy',
    'ebm-voxel recover --model chairs.ebm --input scan.npy --mask holes.npy --learn --out repaired.npy',
  ],
} as const;

/** `ebm-voxel recover`: see {@link spec}. */
export async function recoverCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o.method !== 'model' && o.method !== 'fill') throw new UsageError(`--method ${o.method} must be model or fill`);
  if (o.start !== 'soft-fill' && o.start !== 'fill') throw new UsageError(`--start ${o.start} must be soft-fill or fill`);
  if (o.method === 'fill' && o.learn) throw new UsageError('--learn needs --method model');
  if (o.method === 'model' && !o.model) throw new UsageError('--model is required for --method model (or use --method fill)');
  const steps = intOption('steps', o.steps, 1);
  const stepSize = numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true });
  const iterations = intOption('iterations', o.iterations, 1)!;
  await checkOutputPath(o.out);
  const grid = await readVoxelFile(o.input);
  const maskFile = await readVoxelFile(o.mask);
  try {
    assertMaskFits(grid, maskFile.data, maskFile.shape[0] === 1 ? maskFile.shape.slice(1) : maskFile.shape);
  } catch (e) {
    if (e instanceof GridSizeError) throw new GridSizeError(`${o.mask}: ${e.message}`);
    throw e;
  }
  const mask = maskFile.data.map((v) => (v >= 0.5 ? 1 : 0));
  let result;
  if (o.method === 'fill') {
    result = fillBaseline(grid, mask);
  } else {
    const m = await loadVoxelModel(o.model!, { threads: threadsOption(o.threads) });
    try {
      assertGridSize(grid, m.preset.resolution, o.input);
    } catch (e) {
      await m.model.dispose();
      throw e;
    }
    let bar: ProgressBar | undefined;
    result = o.learn
      ? await recoverByLearning(m, grid, mask, { iterations, steps, seed: seedOption(o.seed), onIteration: (e, total) => (bar ??= new ProgressBar('learning', total)).update(e.iteration) })
      : await recoverShapes(m, grid, mask, { steps, stepSize, start: o.start, onStep: (k, total) => (bar ??= new ProgressBar('recovering', total)).update(k) });
    await m.model.dispose();
  }
  const files = await writeVoxelFile(o.out, result);
  const missing = mask.reduce((s, v) => s + v, 0);
  process.stderr.write(`wrote ${files.join(', ')} (${missing} missing voxel${missing === 1 ? '' : 's'} recovered by ${o.learn ? 'learning' : o.method})\n`);
}
