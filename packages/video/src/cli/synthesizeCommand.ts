import { intOption, numberOption, parseCommand, ProgressBar, UsageError } from '@ebm/core';
import { checkVideoOutput } from '../io/videoOutput.js';
import { writeVideo } from '../io/writeVideo.js';
import { loadVideoModel } from '../model/loadVideoModel.js';
import { synthesizeVideo } from '../synthesis/synthesizeVideo.js';
import { SEED_OPTION, seedOption, sizeOption, THREADS_OPTION, threadsOption } from './commonOptions.js';
import { numberedOutputs } from './outputPaths.js';

const spec = {
  name: 'ebm-video synthesize',
  summary:
    'Synthesizes clips from a model file by Langevin dynamics, continuing the training\'s persistent chains (at the\n' +
    'training clip\'s length and size) or from noise at any length and size (the network is fully convolutional).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file from ebm-video train', required: true },
    out: { type: 'string', value: 'video.mp4|.webm|.gif|folder/', description: 'clip to write; --count N > 1 numbers them (synth-1.mp4, …)', required: true },
    count: { type: 'string', value: 'N', description: 'clips to synthesize', default: '1' },
    frames: { type: 'string', value: 'T', description: "clip length (default: the training clip's)" },
    size: { type: 'string', value: 'WxH', description: "frame size (default: the training clip's)" },
    fps: { type: 'string', value: 'R', description: "frames per second (default: the training clip's)" },
    start: { type: 'string', value: 'persistent|noise', description: 'persistent: continue the training chains (default when the model has them and the size is the training size); noise: fresh chains' },
    steps: { type: 'string', value: 'K', description: "Langevin steps (default: the model's from persistent chains, 10 × that from noise)" },
    'step-size': { type: 'string', value: 'δ', description: "Langevin step size (default: the model's)" },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: ['ebm-video synthesize --model ripples.ebm --out synth.mp4', 'ebm-video synthesize --model ripples.ebm --out long/ --frames 48 --size 96x64'],
} as const;

/** `ebm-video synthesize`: see {@link spec}. */
export async function synthesizeCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const count = intOption('count', o.count, 1) ?? 1;
  const outputs = numberedOutputs(o.out, count);
  for (const out of outputs) await checkVideoOutput(out);
  const size = sizeOption('size', o.size);
  if (o.start !== undefined && o.start !== 'persistent' && o.start !== 'noise') throw new UsageError(`--start ${o.start} is not a start; use persistent or noise`);
  const m = await loadVideoModel(o.model, { threads: threadsOption(o.threads) });
  let bar: ProgressBar | undefined;
  try {
    const clips = await synthesizeVideo(m, {
      count,
      frames: intOption('frames', o.frames, 1),
      width: size?.width,
      height: size?.height,
      fps: numberOption('fps', o.fps, { min: 0, exclusiveMin: true }),
      steps: intOption('steps', o.steps, 0),
      stepSize: numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true }),
      seed: seedOption(o.seed),
      start: o.start as 'persistent' | 'noise' | undefined,
      onStep: (d, t) => (bar ??= new ProgressBar('synthesizing', t)).update(d),
    });
    for (let k = 0; k < clips.length; k++) await writeVideo(outputs[k], clips[k]);
    process.stderr.write(`wrote ${outputs.join(', ')} (${clips[0].frames} frames of ${clips[0].width}x${clips[0].height})\n`);
  } finally {
    await m.model.dispose();
  }
}
