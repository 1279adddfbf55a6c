import { intOption, numberOption, parseCommand, ProgressBar } from '@ebm/core';
import { checkVideoOutput } from '../io/videoOutput.js';
import { writeVideo } from '../io/writeVideo.js';
import { loadVideoModel } from '../model/loadVideoModel.js';
import { synthesizeVideo } from '../synthesis/synthesizeVideo.js';
import { SEED_OPTION, seedOption, sizeOption, THREADS_OPTION, threadsOption } from './commonOptions.js';
import { numberedOutputs } from './outputPaths.js';

const spec = {
  name: 'ebm-video synthesize',
  summary:
    'Synthesizes clips from a model file by Langevin dynamics from noise, at the training clip\'s length and size or\n' +
    'any other (the network is fully convolutional in time and space).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file from ebm-video train', required: true },
    out: { type: 'string', value: 'video.mp4|.webm|.gif|folder/', description: 'clip to write; --count N > 1 numbers them (synth-1.mp4, …)', required: true },
    count: { type: 'string', value: 'N', description: 'clips to synthesize', default: '1' },
    frames: { type: 'string', value: 'T', description: "clip length (default: the training clip's)" },
    size: { type: 'string', value: 'WxH', description: "frame size (default: the training clip's)" },
    fps: { type: 'string', value: 'R', description: "frames per second (default: the training clip's)" },
    steps: { type: 'string', value: 'K', description: "Langevin steps (default: the model's)" },
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
      onStep: (d, t) => (bar ??= new ProgressBar('synthesizing', t)).update(d),
    });
    for (let k = 0; k < clips.length; k++) await writeVideo(outputs[k], clips[k]);
    process.stderr.write(`wrote ${outputs.join(', ')} (${clips[0].frames} frames of ${clips[0].width}x${clips[0].height})\n`);
  } finally {
    await m.model.dispose();
  }
}
