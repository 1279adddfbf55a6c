import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVideo } from './readVideo.js';
import { writeVideo } from './writeVideo.js';
import { writePng } from './writePng.js';
import { createVideo, sliceFrames, type VideoTensor } from './VideoTensor.js';
import { VideoIoError } from './VideoIoError.js';
import { pngSizeFromHeader } from './pngSize.js';
import { frameNumber } from './frameFolder.js';

/** Real ffmpeg round trips on small clips: frame folders are exact (8-bit), codecs close, options select what is read. */

let dir: string;
/** A smooth moving colour pattern, [3, 8, 12, 16]: compresses well, so lossy codecs stay close. */
let clip: VideoTensor;

function mae(a: VideoTensor, b: VideoTensor): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
  return s / a.data.length;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-video-io-'));
  clip = createVideo(3, 8, 12, 16, 10);
  const plane = 12 * 16;
  for (let c = 0; c < 3; c++) {
    for (let t = 0; t < 8; t++) {
      for (let p = 0; p < plane; p++) {
        const x = p % 16;
        const y = Math.floor(p / 16);
        clip.data[(c * 8 + t) * plane + p] = 0.5 + 0.4 * Math.sin(x / 3 + t / 2 + c) * Math.cos(y / 4);
      }
    }
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeVideo and readVideo', () => {
  it('a PNG frame folder keeps every value to 1/255, the size, and writes only 0001.png … 0008.png', async () => {
    const out = join(dir, 'frames/');
    await writeVideo(out, clip);
    expect((await readdir(out)).sort()).toEqual(['0001.png', '0002.png', '0003.png', '0004.png', '0005.png', '0006.png', '0007.png', '0008.png']);
    const back = await readVideo(out, { fps: 10 });
    expect([back.channels, back.frames, back.height, back.width]).toEqual([3, 8, 12, 16]);
    let worst = 0;
    for (let i = 0; i < clip.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i] - clip.data[i]));
    expect(worst).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
  });

  it('mp4, webm and GIF keep frames, size and rate, within codec error', async () => {
    for (const [ext, tolerance] of [['mp4', 0.03], ['webm', 0.03], ['gif', 0.03]] as const) {
      const file = join(dir, `clip.${ext}`);
      await writeVideo(file, clip);
      const back = await readVideo(file);
      expect([back.channels, back.frames, back.height, back.width], ext).toEqual([3, 8, 12, 16]);
      expect(Math.abs(back.fps - 10), ext).toBeLessThan(0.6);
      expect(mae(back, clip), ext).toBeLessThan(tolerance);
    }
  });

  it('a grey clip stays grey; --size, --start, --frames and --fps select what is read', async () => {
    const grey = createVideo(1, 8, 12, 16, 10, clip.data.slice(0, 8 * 12 * 16));
    await writeVideo(join(dir, 'grey/'), grey);
    const back = await readVideo(join(dir, 'grey'));
    expect(back.channels).toBe(1);
    const part = await readVideo(join(dir, 'clip.mp4'), { start: 2, frames: 3, size: { width: 8, height: 6 } });
    expect([part.frames, part.width, part.height]).toEqual([3, 8, 6]);
    const exact = await readVideo(join(dir, 'frames'), { start: 2, frames: 3 });
    expect(mae(exact, sliceFrames(clip, 2, 3))).toBeLessThan(1 / 255);
    const slower = await readVideo(join(dir, 'clip.mp4'), { fps: 5 });
    expect(slower.frames).toBe(4);
  });

  it('orders a folder by the number in each name (frame_2 before frame_10) and ignores other files', async () => {
    const folder = join(dir, 'named');
    await mkdir(folder);
    for (const [t, name] of [[0, 'frame_2.png'], [1, 'frame_10.png']] as const) await writePng(join(folder, name), sliceFrames(clip, t, 1));
    await writeFile(join(folder, 'notes.txt'), 'not a frame');
    const back = await readVideo(folder);
    expect(back.frames).toBe(2);
    expect(mae(back, sliceFrames(clip, 0, 2))).toBeLessThan(1 / 255);
    expect(frameNumber('take3_0012.png')).toBe(12);
    expect(frameNumber('cover.jpg')).toBeUndefined();
  });

  it('refuses a non-empty output folder, a missing parent, an odd size for mp4 and an unknown extension, writing nothing', async () => {
    const cases: Array<[string, VideoTensor, RegExp]> = [
      [join(dir, 'frames/'), clip, /output folder is not empty/],
      [join(dir, 'nowhere', 'x.mp4'), clip, /does not exist \(create it first/],
      [join(dir, 'odd.mp4'), createVideo(3, 2, 11, 16, 10), /needs an even width and height/],
      [join(dir, 'x.avi'), clip, /give a \.mp4, \.webm or \.gif file/],
    ];
    for (const [target, video, message] of cases) await expect(writeVideo(target, video)).rejects.toThrow(message);
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith('.') || n === 'odd.mp4' || n === 'x.avi')).toEqual([]);
  });

  it('names the file and the fix for missing, unreadable, truncated and short inputs', async () => {
    await writeFile(join(dir, 'notes.mp4'), 'not a video');
    const mp4 = await readFile(join(dir, 'clip.mp4'));
    await writeFile(join(dir, 'cut.mp4'), mp4.subarray(0, Math.floor(mp4.length * 0.6)));
    await mkdir(join(dir, 'empty'));
    const cases: Array<[string, object, RegExp]> = [
      [join(dir, 'absent.mp4'), {}, /absent\.mp4 does not exist/],
      [join(dir, 'notes.mp4'), {}, /notes\.mp4: not a readable video .*use mp4, webm/],
      [join(dir, 'cut.mp4'), {}, /cut\.mp4 is truncated: it declares 8 frames but only \d decode/],
      [join(dir, 'empty'), {}, /folder has no numbered PNG frames/],
      [join(dir, 'clip.mp4'), { frames: 20 }, /has 8 frames, fewer than the 20 asked for/],
    ];
    for (const [file, options, message] of cases) {
      const run = readVideo(file, options);
      await expect(run).rejects.toBeInstanceOf(VideoIoError);
      await expect(run).rejects.toThrow(message);
    }
  });
});

describe('pngSizeFromHeader', () => {
  it('reads width and height from the IHDR chunk and rejects other bytes', async () => {
    await writePng(join(dir, 'one.png'), sliceFrames(clip, 0, 1));
    expect(pngSizeFromHeader(await readFile(join(dir, 'one.png')))).toEqual({ width: 16, height: 12 });
    expect(pngSizeFromHeader(new TextEncoder().encode('GIF89a and then some more bytes'))).toBeUndefined();
  });
});
