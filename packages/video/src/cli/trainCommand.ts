import { checkOutputPath, intOption, numberOption, parseCommand, ProgressBar, TrainingDivergedError, UsageError } from '@ebm/core';
import { readVideo } from '../io/readVideo.js';
import { sizeLabel } from '../io/VideoTensor.js';
import { loadVideoModel } from '../model/loadVideoModel.js';
import { saveVideoModel } from '../model/saveVideoModel.js';
import { DYNAMIC_TEXTURE_DEFAULTS, dynamicTexturePreset } from '../presets/dynamicTexturePreset.js';
import { resumeTraining, trainVideoModel, type TrainProgress } from '../training/trainVideoModel.js';
import { CLIP_READ_OPTIONS, readOptions, SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const D = DYNAMIC_TEXTURE_DEFAULTS;

const spec = {
  name: 'ebm-video train',
  summary:
    'Learns the spatial-temporal generative ConvNet (Xie, Zhu & Wu 2017) of a dynamic texture from a clip by MCMC\n' +
    'maximum likelihood and writes it as a model file. The clip is read at --size and --frames (default: the preset\'s\n' +
    `${D.width}x${D.height}, ${D.frames} frames, scaled and centre-cropped); the model synthesizes any length and size.`,
  options: {
    data: { type: 'string', value: 'video|folder', description: 'mp4, webm, avi, mov, GIF, or a folder of numbered PNG frames', required: true },
    out: { type: 'string', value: 'model.ebm', description: 'model file to write (atomically, at the end)', required: true },
    preset: { type: 'string', value: 'dynamic-texture', description: 'network, sampler and training settings', default: 'dynamic-texture' },
    ...CLIP_READ_OPTIONS,
    size: { type: 'string', value: 'WxH', description: `training frame size (default ${D.width}x${D.height}; the clip is scaled and centre-cropped)` },
    frames: { type: 'string', value: 'T', description: `training clip length (default ${D.frames})` },
    iterations: { type: 'string', value: 'N', description: `parameter updates, more with --resume (default ${D.iterations})` },
    steps: { type: 'string', value: 'K', description: `Langevin steps per update (default ${D.steps})` },
    'learning-rate': { type: 'string', value: 'η', description: `Adam learning rate (default ${D.learningRate})` },
    resume: { type: 'boolean', description: 'continue training the model file at --out (its preset, size and trainer state)' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-video train --data ripples.mp4 --out ripples.ebm', 'ebm-video train --data ripples.mp4 --out ripples.ebm --resume --iterations 60'],
} as const;

/** `ebm-video train`: see {@link spec}. */
export async function trainCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o.preset !== 'dynamic-texture') throw new UsageError(`--preset ${o.preset} is not a preset; use dynamic-texture`);
  await checkOutputPath(o.out);
  const iterations = intOption('iterations', o.iterations, 0);
  const threads = threadsOption(o.threads);
  const read = readOptions(o);
  const started = Date.now();
  let bar: ProgressBar | undefined;
  let first = 0;
  const onIteration: TrainProgress = (e, total) => {
    bar ??= new ProgressBar('training', total);
    bar.update(e.iteration - first, `E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`);
  };
  let m;
  try {
    if (o.resume) {
      m = await loadVideoModel(o.out, { threads });
      const clip = await readVideo(o.data, { ...read, size: { width: m.width, height: m.height }, frames: m.frames, channels: m.channels });
      first = m.trainerState?.iteration ?? 0;
      await resumeTraining(m, [clip], iterations ?? m.preset.training.iterations, onIteration);
    } else {
      const preset = dynamicTexturePreset({
        steps: intOption('steps', o.steps, 1),
        learningRate: numberOption('learning-rate', o['learning-rate'], { min: 0, exclusiveMin: true }),
      });
      const clip = await readVideo(o.data, { ...read, size: read.size ?? { width: preset.width, height: preset.height }, frames: read.frames ?? preset.frames });
      m = await trainVideoModel([clip], { preset, iterations, seed: seedOption(o.seed), threads, onIteration });
    }
  } catch (e) {
    if (e instanceof TrainingDivergedError) throw new Error(`${o.data}: training diverged (${e.message}); nothing written to ${o.out}`);
    throw e;
  }
  await saveVideoModel(o.out, m, { data: o.data, command: ['ebm-video', 'train', ...argv].join(' ') });
  await m.model.dispose();
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`wrote ${o.out} (dynamic-texture model, ${m.frames} frames of ${sizeLabel(m)}x${m.channels}, ${m.trainer?.iteration ?? 0} iterations, ${seconds.toFixed(1)} s)\n`);
}
