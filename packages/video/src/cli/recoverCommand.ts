import { checkOutputPath, intOption, parseCommand, ProgressBar, TrainingDivergedError, UsageError } from '@ebm/core';
import { interpolateVideo } from '../baselines/interpolateVideo.js';
import { readMask } from '../io/readMask.js';
import { readVideo } from '../io/readVideo.js';
import { checkVideoOutput } from '../io/videoOutput.js';
import { writeVideo } from '../io/writeVideo.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { FrameListError } from '../masks/FrameListError.js';
import { missingFramesMask } from '../masks/missingFramesMask.js';
import { parseFrameList } from '../masks/parseFrameList.js';
import { countMissing, type VideoMask } from '../masks/VideoMask.js';
import { loadVideoModel } from '../model/loadVideoModel.js';
import { saveVideoModel } from '../model/saveVideoModel.js';
import { learningPreset, recoverByLearning } from '../recovery/recoverByLearning.js';
import { recoverWithModel } from '../recovery/recoverWithModel.js';
import type { RecoveryEstimateChoice } from '../recovery/RecoveryEstimate.js';
import { CLIP_READ_OPTIONS, readOptions, SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const ESTIMATES = ['auto', 'mean', 'sample'] as const;

const spec = {
  name: 'ebm-video recover',
  summary:
    'Recovers occluded pixels (--mask) or missing frames (--missing-frames) of a clip. --learn (default): the\n' +
    'spatial-temporal ConvNet is learned from the observed part of the input while the rest is recovered (stochastic EM,\n' +
    'Xie, Zhu & Wu 2017); --model: conditional sampling under a trained model; --method interpolate: the classical\n' +
    'baseline (linear in time for missing frames, harmonic fill in space for occluded pixels). Observed pixels come back\n' +
    'unchanged; the output has the input\'s frames, size and rate.',
  options: {
    input: { type: 'string', value: 'video|folder', description: 'the damaged clip (missing frames still present; their content is ignored)', required: true },
    out: { type: 'string', value: 'video|folder/', description: 'recovered clip (a frame folder keeps pixels exact)', required: true },
    mask: { type: 'string', value: 'mask.png|mask video|folder', description: 'white = missing: one PNG for every frame, or one mask frame per frame' },
    'missing-frames': { type: 'string', value: 'list', description: '1-based frames to recover, with ranges, e.g. 4,9-12' },
    learn: { type: 'boolean', description: 'learn the model from the input itself (the default)' },
    model: { type: 'string', value: 'model.ebm', description: 'recover under a model from ebm-video train' },
    method: { type: 'string', value: 'ebm|interpolate', description: 'ebm, or the interpolation baseline', default: 'ebm' },
    estimate: { type: 'string', value: 'auto|mean|sample', description: 'mean (lowest error), sample (motion inside occlusions); auto: sample for holes over 4 px', default: 'auto' },
    iterations: { type: 'string', value: 'N', description: 'parameter updates with --learn (default 60)' },
    steps: { type: 'string', value: 'K', description: 'Langevin steps per sweep (--learn, default 5) or in all (--model, default 2× the model\'s)' },
    ...CLIP_READ_OPTIONS,
    'save-model': { type: 'string', value: 'model.ebm', description: 'with --learn: also write the learned model' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: [
    'ebm-video recover --input damaged.mp4 --mask holes.png --out repaired/',
    'ebm-video recover --input clip/ --missing-frames 10-15 --out repaired.mp4',
    'ebm-video recover --input clip/ --missing-frames 10-15 --method interpolate --out baseline/',
  ],
} as const;

/** `ebm-video recover`: see {@link spec}. */
export async function recoverCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o.method !== 'ebm' && o.method !== 'interpolate') throw new UsageError(`--method ${o.method} is not a method; use ebm or interpolate`);
  if (!o.mask === !o['missing-frames']) throw new UsageError('give exactly one of --mask or --missing-frames (see ebm-video recover --help)');
  if (o.learn && o.model) throw new UsageError('give --learn or --model, not both');
  if (o.method === 'interpolate' && (o.learn || o.model)) throw new UsageError('--method interpolate uses no model; drop --learn/--model');
  const estimate = o.estimate as RecoveryEstimateChoice;
  if (!ESTIMATES.includes(estimate)) throw new UsageError(`--estimate ${o.estimate} is not an estimate; use one of ${ESTIMATES.join(', ')}`);
  if (o['save-model'] !== undefined) {
    if (o.model || o.method === 'interpolate') throw new UsageError('--save-model needs --learn');
    await checkOutputPath(o['save-model'], 'save-model');
  }
  await checkVideoOutput(o.out);
  const read = readOptions(o);
  const threads = threadsOption(o.threads);
  const seed = seedOption(o.seed);
  const steps = intOption('steps', o.steps, 1);
  const model = o.model ? await loadVideoModel(o.model, { threads }) : undefined;
  try {
    const video = await readVideo(o.input, { ...read, channels: model?.channels });
    const mask = o.mask ? await readMask(o.mask, video, read) : framesMask(o.input, o['missing-frames']!, video);
    const missing = countMissing(mask);
    if (missing === 0) process.stderr.write(`note: ${o.mask ?? '--missing-frames'} marks no pixel missing; the output equals the input\n`);
    if (missing === mask.data.length) throw new UsageError(`${o.mask ?? o.input}: every pixel of every frame is marked missing; there is nothing to recover from`);
    let result: VideoTensor;
    let how: string;
    if (o.method === 'interpolate') {
      result = interpolateVideo(video, mask);
      how = 'interpolate';
    } else if (model) {
      let bar: ProgressBar | undefined;
      result = await recoverWithModel(model, video, mask, { steps, estimate, seed, onStep: (d, t) => (bar ??= new ProgressBar('recovering', t)).update(d) });
      how = `model ${o.model}`;
    } else {
      let bar: ProgressBar | undefined;
      let descent: ProgressBar | undefined;
      try {
        const learned = await recoverByLearning(video, mask, {
          preset: learningPreset({ iterations: intOption('iterations', o.iterations, 0) }),
          steps,
          estimate,
          seed,
          threads,
          onIteration: (e, t) => (bar ??= new ProgressBar('learning', t)).update(e.iteration, `E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`),
          onDescentStep: (k, t) => (descent ??= new ProgressBar('descent', t)).update(k),
        });
        result = learned.video;
        if (o['save-model'] !== undefined) await saveVideoModel(o['save-model'], learned.model, { data: o.input, mask: o.mask ?? o['missing-frames'] });
        await learned.model.model.dispose();
        how = `learn, ${learned.estimate}`;
      } catch (e) {
        if (e instanceof TrainingDivergedError) throw new Error(`${o.input}: learning diverged (${e.message}); nothing written to ${o.out}`);
        throw e;
      }
    }
    await writeVideo(o.out, result);
    process.stderr.write(`wrote ${o.out} (${missing} of ${mask.data.length} pixels per channel recovered, ${how})\n`);
  } finally {
    await model?.model.dispose();
  }
}

function framesMask(input: string, list: string, video: VideoTensor): VideoMask {
  try {
    return missingFramesMask(video.frames, video.height, video.width, parseFrameList(list, video.frames));
  } catch (e) {
    if (e instanceof FrameListError) throw new UsageError(`${input}: --missing-frames ${e.message.replace(/^missing frames /, '')}`);
    throw e;
  }
}
