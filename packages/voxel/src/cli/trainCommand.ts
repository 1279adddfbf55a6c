import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, TrainingDivergedError, UsageError } from '@ebm/core';
import { readTrainingFolder } from '../io/readTrainingFolder.js';
import { shapePreset } from '../model/shapePreset.js';
import { loadVoxelModel, saveVoxelModel } from '../model/voxelModelFile.js';
import { createVoxelModel, trainVoxelModel, type TrainProgress } from '../training/trainVoxelModel.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption, UP_OPTION, upOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel train',
  summary:
    'Learns the 3D descriptor net (preset shape, Xie et al. 2018) from a folder of shapes of one kind by MCMC maximum\n' +
    'likelihood and writes a model file. Grids (.npy, .binvox, .vox) must be R³; meshes (.off, .obj, .stl) are voxelized\n' +
    'to R³ on the way in.',
  options: {
    data: { type: 'string', value: 'folder', description: 'folder (or one file) of .npy/.binvox/.vox grids and .off/.obj/.stl meshes', required: true },
    out: { type: 'string', value: 'model.ebm', description: 'model file to write (atomically, at the end)', required: true },
    resolution: { type: 'string', value: 'R', description: 'grid side, 32 or 64 (multiples of 16 work)', default: '32' },
    iterations: { type: 'string', value: 'N', description: 'parameter updates (more ones with --resume)', default: '200' },
    steps: { type: 'string', value: 'K', description: 'Langevin steps per update', default: '20' },
    'step-size': { type: 'string', value: 'δ', description: 'Langevin step size', default: '0.1' },
    'learning-rate': { type: 'string', value: 'η', description: 'Adam learning rate', default: '0.01' },
    'energy-penalty': { type: 'string', value: 'α', description: 'α·(E(data)² + E(samples)²) in the loss: keeps energies bounded (0 = none)', default: '0.00001' },
    resume: { type: 'boolean', description: 'continue training the model file at --out (its preset and trainer state)' },
    up: UP_OPTION,
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-voxel train --data chairs/ --out chairs.ebm --iterations 200', 'ebm-voxel train --data chairs/ --out chairs.ebm --resume --iterations 100'],
} as const;

/** `ebm-voxel train`: see {@link spec}. */
export async function trainCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const iterations = intOption('iterations', o.iterations, 0)!;
  const threads = threadsOption(o.threads);
  const up = upOption(o.up);
  const started = Date.now();
  let bar: ProgressBar | undefined;
  const onIteration: TrainProgress = (e, total) => {
    bar ??= new ProgressBar('training', total);
    bar.update(e.iteration - first, `E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`);
  };
  let first = 0;
  let m;
  try {
    if (o.resume) {
      m = await loadVoxelModel(o.out, { threads });
      const given = (flag: string) => argv.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
      if (given('resolution') && intOption('resolution', o.resolution) !== m.preset.resolution) {
        throw new UsageError(`--resume: ${o.out} was trained at ${m.preset.resolution}³; drop --resolution or give --resolution ${m.preset.resolution}`);
      }
      const { batch } = await readTrainingFolder(o.data, { resolution: m.preset.resolution, up });
      first = m.trainerState?.iteration ?? 0;
      await trainVoxelModel(m, batch, iterations, onIteration);
    } else {
      const preset = shapePreset({
        resolution: intOption('resolution', o.resolution, 16),
        steps: intOption('steps', o.steps, 1),
        stepSize: numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true }),
        learningRate: numberOption('learning-rate', o['learning-rate'], { min: 0, exclusiveMin: true }),
        energyPenalty: numberOption('energy-penalty', o['energy-penalty'], { min: 0 }),
        iterations,
      });
      const { batch } = await readTrainingFolder(o.data, { resolution: preset.resolution, up });
      m = await createVoxelModel(batch, preset, { seed: seedOption(o.seed), threads });
      await trainVoxelModel(m, batch, iterations, onIteration);
    }
  } catch (e) {
    if (e instanceof TrainingDivergedError) throw new Error(`${o.data}: training diverged (${e.message}); nothing written to ${o.out}`);
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  await saveVoxelModel(o.out, m, { data: o.data, command: ['ebm-voxel', 'train', ...argv].join(' ') });
  await m.model.dispose();
  process.stderr.write(`wrote ${o.out} (shape model, ${m.preset.resolution}³, ${m.trainer?.iteration ?? 0} iterations, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
