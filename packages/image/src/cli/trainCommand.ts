import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, TrainingDivergedError, UsageError } from '@ebm/core';
import { readDataset } from '../io/readDataset.js';
import { loadImageModel } from '../model/loadImageModel.js';
import { saveImageModel } from '../model/saveImageModel.js';
import type { ImagePreset } from '../presets/ImagePreset.js';
import { OBJECT_DEFAULTS } from '../presets/objectPreset.js';
import { createPreset, isPresetName, PRESET_NAMES } from '../presets/presets.js';
import { TEXTURE_DEFAULTS } from '../presets/texturePreset.js';
import { resumeTraining } from '../training/resumeTraining.js';
import { trainImageModel, type TrainProgress } from '../training/trainImageModel.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

/** `(default: texture A, object B)`: a preset option's defaults as --help shows them, read from the presets. */
function presetDefaults(pick: (name: 'texture' | 'object') => number | string): string {
  return `(default: texture ${pick('texture')}, object ${pick('object')})`;
}

const DEFAULTS = { texture: TEXTURE_DEFAULTS, object: OBJECT_DEFAULTS } as const;

/** The option table of `ebm-image train`; the defaults it shows come from the presets. */
export const TRAIN_SPEC = {
  name: 'ebm-image train',
  summary:
    'Learns an energy model of images by MCMC maximum likelihood (Xie et al. 2016) and writes it as a model file.\n' +
    'Preset texture: one or a few images of a stationary texture, synthesizes at any size. Preset object: a folder of\n' +
    'aligned images (faces, digits), short-run SGLD with a replay buffer. Images are scaled and centre-cropped to --size.',
  options: {
    data: { type: 'string', value: 'image|folder', description: 'PNG, JPEG or WebP image, or a folder of them', required: true },
    out: { type: 'string', value: 'model.ebm', description: 'model file to write (atomically, at the end)', required: true },
    preset: { type: 'string', value: 'texture|object', description: 'network, sampler and training settings', default: 'texture' },
    size: { type: 'string', value: 'N', description: `training image side in pixels ${presetDefaults((p) => DEFAULTS[p].size)}` },
    iterations: { type: 'string', value: 'N', description: `parameter updates, more ones with --resume ${presetDefaults((p) => DEFAULTS[p].iterations)}` },
    steps: { type: 'string', value: 'K', description: `sampler steps per update ${presetDefaults((p) => DEFAULTS[p].steps)}` },
    'learning-rate': { type: 'string', value: 'η', description: `Adam learning rate ${presetDefaults((p) => DEFAULTS[p].learningRate)}` },
    resume: { type: 'boolean', description: 'continue training the model file at --out (its preset, size and trainer state)' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: [
    'ebm-image train --data brick.png --out brick.ebm',
    'ebm-image train --data brick.png --out brick.ebm --resume --iterations 100',
    'ebm-image train --data faces/ --preset object --size 32 --iterations 2000 --out faces.ebm',
  ],
} as const;

/**
 * What a new training run uses (not --resume): the preset with the size, steps and learning rate given, and the
 * number of updates. Flags left out keep the preset's values, the ones --help shows.
 */
export function trainSettings(o: { preset: string; size?: string; steps?: string; 'learning-rate'?: string; iterations?: string }): { preset: ImagePreset; iterations: number } {
  if (!isPresetName(o.preset)) throw new UsageError(`--preset ${o.preset} is not a preset; use one of ${PRESET_NAMES.join(', ')}`);
  const preset = createPreset(o.preset, {
    size: intOption('size', o.size, 1),
    steps: intOption('steps', o.steps, 1),
    learningRate: numberOption('learning-rate', o['learning-rate'], { min: 0, exclusiveMin: true }),
  });
  return { preset, iterations: intOption('iterations', o.iterations, 0) ?? preset.training.iterations };
}

/** `ebm-image train`: see {@link TRAIN_SPEC}. */
export async function trainCommand(argv: string[]): Promise<void> {
  const o = parseCommand(TRAIN_SPEC, argv);
  if (!o) return;
  if (!isPresetName(o.preset)) throw new UsageError(`--preset ${o.preset} is not a preset; use one of ${PRESET_NAMES.join(', ')}`);
  await checkOutputPath(o.out);
  const iterations = intOption('iterations', o.iterations, 0);
  const threads = threadsOption(o.threads);
  const started = Date.now();
  let bar: ProgressBar | undefined;
  let firstIteration = 0;
  const onIteration: TrainProgress = (e, total) => {
    bar ??= new ProgressBar('training', total);
    bar.update(e.iteration - firstIteration, `E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`);
  };
  let m;
  try {
    if (o.resume) {
      m = await loadImageModel(o.out, { threads });
      const given = argv.some((a) => a === '--preset' || a.startsWith('--preset='));
      if (given && o.preset !== m.preset.name) throw new UsageError(`--resume: ${o.out} is a ${m.preset.name} model; drop --preset or give --preset ${m.preset.name}`);
      if (o.size !== undefined && intOption('size', o.size) !== m.width) {
        throw new UsageError(`--resume: ${o.out} was trained at ${m.width}x${m.height}; drop --size or give --size ${m.width}`);
      }
      const { images } = await readDataset(o.data, { size: { width: m.width, height: m.height }, channels: m.channels });
      firstIteration = m.trainerState?.iteration ?? 0;
      await resumeTraining(m, images, iterations ?? m.preset.training.iterations, onIteration);
    } else {
      const settings = trainSettings(o);
      const { images } = await readDataset(o.data, { size: settings.preset.size });
      m = await trainImageModel(images, { preset: settings.preset, iterations: settings.iterations, seed: seedOption(o.seed), threads, onIteration });
    }
  } catch (e) {
    if (e instanceof TrainingDivergedError) {
      throw new Error(`${o.data}: training diverged (${e.message}); nothing written to ${o.out}`);
    }
    throw e;
  }
  await saveImageModel(o.out, m, { data: o.data, command: ['ebm-image', 'train', ...argv].join(' ') });
  await m.model.dispose();
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`wrote ${o.out} (${m.preset.name} model, ${m.width}x${m.height}x${m.channels}, ${m.trainer?.iteration ?? 0} iterations, ${seconds.toFixed(1)} s)\n`);
}
