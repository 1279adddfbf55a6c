import { intOption, numberOption, parseCommand, UsageError } from '@ebm/core';
import { checkVideoOutput } from '../io/videoOutput.js';
import { writePng } from '../io/writePng.js';
import { writeVideo } from '../io/writeVideo.js';
import { createVideo } from '../io/VideoTensor.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { squareOcclusion } from '../masks/squareOcclusion.js';
import type { VideoMask } from '../masks/VideoMask.js';
import { SEED_OPTION, seedOption, sizeOption } from './commonOptions.js';

const spec = {
  name: 'ebm-video mask',
  summary:
    'Writes a mask to try recovery with (white = missing): --kind square, a static centred square (one PNG for every\n' +
    'frame); --kind random, each pixel of each frame missing with probability --fraction (a frame folder or video).',
  options: {
    kind: { type: 'string', value: 'square|random', description: 'which mask', required: true },
    out: { type: 'string', value: 'mask.png|folder/', description: 'square: a .png; random: a folder of PNG frames (or a video)', required: true },
    size: { type: 'string', value: 'WxH', description: 'frame size', default: '64x48' },
    frames: { type: 'string', value: 'T', description: 'frames (random)', default: '24' },
    side: { type: 'string', value: 'N', description: 'square side, pixels', default: '16' },
    fraction: { type: 'string', value: 'p', description: 'missing fraction (random)', default: '0.5' },
    seed: SEED_OPTION,
  },
  examples: ['ebm-video mask --kind square --side 16 --out square.png', 'ebm-video mask --kind random --fraction 0.5 --out holes/'],
} as const;

/** `ebm-video mask`: see {@link spec}. */
export async function maskCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o.kind !== 'square' && o.kind !== 'random') throw new UsageError(`--kind ${o.kind} is not a mask kind; use square or random`);
  const { width, height } = sizeOption('size', o.size)!;
  const frames = o.kind === 'square' ? 1 : intOption('frames', o.frames, 1)!;
  let mask: VideoMask;
  if (o.kind === 'square') {
    if (!o.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out ${o.out}: a square mask is one PNG for every frame; give a .png file name`);
    const side = intOption('side', o.side, 1)!;
    if (side > Math.min(width, height)) throw new UsageError(`--side ${side} does not fit a ${width}x${height} frame; give at most ${Math.min(width, height)}`);
    mask = squareOcclusion(1, height, width, side);
  } else {
    await checkVideoOutput(o.out);
    const fraction = numberOption('fraction', o.fraction, { min: 0 })!;
    if (fraction > 1) throw new UsageError(`--fraction ${o.fraction} must be at most 1`);
    mask = randomPixelMask(frames, height, width, fraction, seedOption(o.seed));
  }
  const image = createVideo(1, frames, height, width, 12, Float32Array.from(mask.data));
  if (o.kind === 'square') await writePng(o.out, image);
  else await writeVideo(o.out, image);
  process.stderr.write(`wrote ${o.out} (${o.kind} mask, ${frames} frame(s) of ${width}x${height})\n`);
}
