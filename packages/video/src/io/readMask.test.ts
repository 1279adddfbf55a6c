import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRaw } from './runFfmpeg.js';
import { readMask } from './readMask.js';
import { writeVideo } from './writeVideo.js';
import { createVideo } from './VideoTensor.js';

/** Masks in every channel layout through real ffmpeg: white (and opaque) = missing. */

let dir: string;
const clip = createVideo(3, 4, 6, 8, 10);

/** Writes a one-frame PNG from raw bytes [H, W, depth] in the given layout. */
function png(file: string, bytes: number[], pixelFormat: 'gray' | 'rgb24' | 'rgba'): Promise<void> {
  return encodeRaw({ frames: Buffer.from(bytes), width: 8, height: 6, pixelFormat, fps: 10, output: file, outputOptions: ['-frames:v', '1', '-f', 'image2', '-c:v', 'png'] });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-video-mask-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readMask', () => {
  it('grey, RGB and RGBA PNGs apply to every frame; transparent white is observed', async () => {
    const missing = (p: number): boolean => p % 8 < 3; // the three left columns
    await png(join(dir, 'grey.png'), Array.from({ length: 48 }, (_, p) => (missing(p) ? 255 : 0)), 'gray');
    await png(join(dir, 'rgb.png'), Array.from({ length: 48 }, (_, p) => (missing(p) ? [250, 250, 250] : [20, 20, 20])).flat(), 'rgb24');
    // White everywhere, opaque only where missing: alpha carries the mask.
    await png(join(dir, 'rgba.png'), Array.from({ length: 48 }, (_, p) => [255, 255, 255, missing(p) ? 255 : 0]).flat(), 'rgba');
    for (const name of ['grey.png', 'rgb.png', 'rgba.png']) {
      const mask = await readMask(join(dir, name), clip);
      expect([mask.frames, mask.height, mask.width]).toEqual([4, 6, 8]);
      for (let i = 0; i < mask.data.length; i++) expect(mask.data[i], `${name} pixel ${i}`).toBe(missing(i % 48) ? 1 : 0);
    }
  });

  it('a folder gives one mask frame per clip frame; wrong sizes and counts name the mask and the fix', async () => {
    const frames = createVideo(1, 4, 6, 8, 10);
    frames.data.fill(1, 2 * 48, 3 * 48); // frame 3 wholly missing
    await writeVideo(join(dir, 'frames/'), frames);
    const mask = await readMask(join(dir, 'frames'), clip);
    expect(Array.from({ length: 4 }, (_, t) => mask.data[t * 48])).toEqual([0, 0, 1, 0]);
    await expect(readMask(join(dir, 'frames'), createVideo(3, 5, 6, 8, 10))).rejects.toThrow(/mask has 4 frames, the input 5; give one mask frame per input frame/);
    await expect(readMask(join(dir, 'grey.png'), createVideo(3, 4, 12, 8, 10))).rejects.toThrow(/grey\.png: mask is 8x6, the input 8x12; give a mask of the input's size/);
  });
});
