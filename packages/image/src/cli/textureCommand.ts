import { checkOutputPath, intOption, numberOption, parseCommand, UsageError } from '@ebm/core';
import { writePng } from '../io/writePng.js';
import { generateTexture, TEXTURE_KINDS, type TextureKind } from '../textures/generateTexture.js';
import { SEED_OPTION, seedOption } from './commonOptions.js';

const spec = {
  name: 'ebm-image texture',
  summary: 'Writes a procedural texture PNG made by this package (brick, marble, weave, cloud): training data free of any licence.',
  options: {
    kind: { type: 'string', value: TEXTURE_KINDS.join('|'), description: 'which texture', default: 'brick' },
    size: { type: 'string', value: 'N', description: 'side in pixels', default: '64' },
    scale: { type: 'string', value: 's', description: 'feature size multiplier (bricks, threads, noise scale)', default: '1' },
    out: { type: 'string', value: 'file.png', description: 'PNG to write', required: true },
    seed: SEED_OPTION,
  },
  examples: ['ebm-image texture --kind brick --size 64 --out brick.png'],
} as const;

/** `ebm-image texture`: see {@link spec}. */
export async function textureCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!(TEXTURE_KINDS as string[]).includes(o.kind)) throw new UsageError(`--kind ${o.kind} is not a texture; use one of ${TEXTURE_KINDS.join(', ')}`);
  await checkOutputPath(o.out);
  const size = intOption('size', o.size)!;
  const image = generateTexture(o.kind as TextureKind, { size, seed: seedOption(o.seed), scale: numberOption('scale', o.scale, { min: 0, exclusiveMin: true }) });
  await writePng(o.out, image);
  process.stderr.write(`wrote ${o.out} (${o.kind}, ${size}x${size})\n`);
}
