import { checkOutputPath, intOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { gridAt } from '../formats/VoxelBatch.js';
import { extensionOf, VOXEL_EXTENSIONS } from '../formats/voxelFiles.js';
import { numberedFiles, writeVoxelFile } from '../io/voxelFileIO.js';
import { writeMeshFiles } from '../io/writeMeshFiles.js';
import { loadVoxelModel } from '../model/voxelModelFile.js';
import { synthesizeShapes } from '../synthesis/synthesizeShapes.js';
import { OCCUPANCY_NOTE, SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel synthesize',
  summary:
    'Synthesizes shapes from a model by Langevin dynamics, continuing the training\'s persistent chains (as the paper\'s\n' +
    'samples are) or from noise, ending with noise-free steps.\n' +
    OCCUPANCY_NOTE + ' .obj, .stl and .glb write each shape as a mesh of its filled voxels (culled cubes).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file', required: true },
    out: { type: 'string', value: 'file.npy|.binvox|.vox|.obj|.stl|.glb', description: 'output file', required: true },
    count: { type: 'string', value: 'N', description: 'shapes to synthesize', default: '1' },
    start: { type: 'string', value: 'persistent|noise', description: 'continue the training\'s persistent chains (default when the file has them) or start from noise' },
    steps: { type: 'string', value: 'K', description: 'Langevin steps (default: the training steps from persistent chains, 10 × from noise)' },
    'descent-steps': { type: 'string', value: 'K', description: 'noise-free Langevin steps at the end', default: '100' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-voxel synthesize --model chairs.ebm --count 8 --out samples.npy', 'ebm-voxel synthesize --model chairs.ebm --out chair.glb'],
} as const;

/** `ebm-voxel synthesize`: see {@link spec}. */
export async function synthesizeCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const count = intOption('count', o.count, 1)!;
  const steps = intOption('steps', o.steps, 0);
  const descentSteps = intOption('descent-steps', o['descent-steps'], 0);
  await checkOutputPath(o.out);
  const m = await loadVoxelModel(o.model, { threads: threadsOption(o.threads) });
  let bar: ProgressBar | undefined;
  if (o.start !== undefined && o.start !== 'persistent' && o.start !== 'noise') throw new UsageError(`--start ${o.start} must be persistent or noise`);
  const samples = await synthesizeShapes(m, count, { start: o.start as 'persistent' | 'noise' | undefined, steps, descentSteps, seed: seedOption(o.seed), onStep: (k, total) => (bar ??= new ProgressBar('synthesizing', total)).update(k) });
  await m.model.dispose();
  const files = (VOXEL_EXTENSIONS as readonly string[]).includes(extensionOf(o.out))
    ? await writeVoxelFile(o.out, samples)
    : await writeMeshFiles(numberedFiles(o.out, count), Array.from({ length: count }, (_, i) => gridAt(samples, i)), 'cubes', 0.5);
  process.stderr.write(`wrote ${files.join(', ')} (${count} shape${count === 1 ? '' : 's'}, ${m.preset.resolution}³)\n`);
}
