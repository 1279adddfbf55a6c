import { intOption, numberOption, parseCommand, UsageError } from '@ebm/core';
import { CLIP_DESCRIPTIONS, CLIP_KINDS, generateClip, isClipKind } from '../clips/generateClip.js';
import { checkVideoOutput } from '../io/videoOutput.js';
import { writeVideo } from '../io/writeVideo.js';
import { SEED_OPTION, seedOption, sizeOption } from './commonOptions.js';

const spec = {
  name: 'ebm-video clip',
  summary:
    'Writes one of the package\'s demo clips (no recorded footage needed):\n' + CLIP_KINDS.map((k) => `  ${k.padEnd(9)}${CLIP_DESCRIPTIONS[k]}`).join('\n'),
  options: {
    kind: { type: 'string', value: CLIP_KINDS.join('|'), description: 'which clip', required: true },
    out: { type: 'string', value: 'video.mp4|.webm|.gif|folder/', description: 'clip to write', required: true },
    frames: { type: 'string', value: 'T', description: 'clip length', default: '24' },
    size: { type: 'string', value: 'WxH', description: 'frame size', default: '64x48' },
    fps: { type: 'string', value: 'R', description: 'frames per second', default: '12' },
    seed: SEED_OPTION,
  },
  examples: ['ebm-video clip --kind ripples --out ripples.mp4', 'ebm-video clip --kind smoke --frames 48 --out smoke/'],
} as const;

/** `ebm-video clip`: see {@link spec}. */
export async function clipCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!isClipKind(o.kind)) throw new UsageError(`--kind ${o.kind} is not a clip; use one of ${CLIP_KINDS.join(', ')}`);
  await checkVideoOutput(o.out);
  const size = sizeOption('size', o.size)!;
  const clip = await generateClip(o.kind, {
    frames: intOption('frames', o.frames, 1),
    width: size.width,
    height: size.height,
    fps: numberOption('fps', o.fps, { min: 0, exclusiveMin: true }),
    seed: seedOption(o.seed),
  });
  await writeVideo(o.out, clip);
  process.stderr.write(`wrote ${o.out} (${o.kind}, ${clip.frames} frames of ${clip.width}x${clip.height})\n`);
}
