import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegBinaries, locateFfmpeg } from './ffmpegBinaries.js';
import { FfmpegNotFoundError } from './FfmpegNotFoundError.js';

/** Where ffmpeg comes from; the lookups are injected so "none found" is tested without uninstalling anything. */

let bin: string;

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'ebm-video-bin-'));
  for (const name of ['ffmpeg', 'ffprobe']) {
    await writeFile(join(bin, name), '#!/bin/sh\n');
    await chmod(join(bin, name), 0o755);
  }
});

afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

describe('locateFfmpeg', () => {
  const npm = { ffmpeg: '/npm/ffmpeg', ffprobe: '/npm/ffprobe' };
  it('prefers PATH, then the npm binaries', () => {
    expect(locateFfmpeg({ env: {}, pathVariable: `/nonexistent:${bin}`, npm: () => npm })).toEqual({ ffmpeg: join(bin, 'ffmpeg'), ffprobe: join(bin, 'ffprobe'), source: 'system' });
    expect(locateFfmpeg({ env: {}, pathVariable: '/nonexistent', npm: () => npm })).toEqual({ ...npm, source: 'npm' });
  });

  it('says how to get ffmpeg when there is none, and names a bad EBM_FFMPEG', () => {
    const none = () => locateFfmpeg({ env: {}, pathVariable: '/nonexistent', npm: () => undefined });
    expect(none).toThrow(FfmpegNotFoundError);
    expect(none).toThrow(/no ffmpeg found: .*apt-get install ffmpeg.*@ffmpeg-installer\/ffmpeg/);
    expect(() => locateFfmpeg({ env: { ffmpeg: '/nope/ffmpeg', ffprobe: join(bin, 'ffprobe') }, pathVariable: bin, npm: () => npm })).toThrow(/EBM_FFMPEG=\/nope\/ffmpeg is not an executable file/);
  });

  it('finds a working ffmpeg on this machine (system or npm)', () => {
    const found = ffmpegBinaries();
    expect(['env', 'system', 'npm']).toContain(found.source);
  });
});
