import { EnergyModel, saveModel } from '@ebm/core';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError as expectCliError, runCli, type CliRun } from '../../../../testing/cliProcess.js';
import { generateClip } from '../clips/generateClip.js';
import { readVideo } from '../io/readVideo.js';
import { writePng } from '../io/writePng.js';
import { writeVideo } from '../io/writeVideo.js';
import { createVideo, type VideoTensor } from '../io/VideoTensor.js';

/**
 * `ebm-video` as users run it: separate processes (the source through tsx), real ffmpeg, real files; exit codes 0 / 1 /
 * 2 (usage), one-line errors naming the file and the fix, nothing written on failure.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Tests that start several CLI processes at once get more than the suite's default 2 minutes on a busy machine. */
const PROCESS_HEAVY = 300_000;
// ('0', 'a' and reversed ranges for --missing-frames are checked by parseFrameList's tests; here '3-' and a range past the end.)
const COMMANDS = ['train', 'synthesize', 'recover', 'export', 'clip', 'mask'];

function ebmVideo(...args: string[]): Promise<CliRun> {
  const threads = args.includes('--help') || ['export', 'clip', 'mask'].includes(args[0]) ? [] : ['--threads', '1'];
  return runCli(MAIN, [...args, ...threads]);
}

function expectOneLineError(r: CliRun, code: number, text: string | RegExp): void {
  expectCliError(r, 'ebm-video', code, text);
}

let dir: string;
let truth: VideoTensor;
const x = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-video-cli-'));
  truth = await generateClip('clouds', { frames: 8, width: 16, height: 12, seed: 2 });
  await writeVideo(x('clip/'), truth);
  await writeVideo(x('clip.mp4'), truth);
  const square = createVideo(1, 1, 12, 16, 12);
  for (let y = 4; y < 8; y++) square.data.fill(1, y * 16 + 6, y * 16 + 10);
  await writePng(x('square.png'), square);
  await writePng(x('small.png'), createVideo(1, 1, 6, 8, 12));
  await writeVideo(x('mask5/'), createVideo(1, 5, 12, 16, 12));
  await writeFile(x('notes.mp4'), 'not a video');
  const mp4 = await readFile(x('clip.mp4'));
  await writeFile(x('cut.mp4'), mp4.subarray(0, Math.floor(mp4.length * 0.5)));
  await mkdir(x('full'));
  await writeFile(x('full/keep.txt'), 'someone else’s file');
  const image = await EnergyModel.create({ input: [3, 8, 8], layers: [{ type: 'conv2d', outChannels: 1, kernel: 3 }] });
  await saveModel(x('image.ebm'), image, { domain: 'image' });
  await image.dispose();
  const train = await ebmVideo('train', '--data', x('clip.mp4'), '--out', x('model.ebm'), '--size', '16x12', '--frames', '8', '--iterations', '2', '--steps', '2', '--seed', '1');
  expect(train.code, train.stderr).toBe(0);
  expect(train.stderr).toMatch(/training \[#+\] 2\/2/);
  expect(train.stderr).toContain('dynamic-texture model, 8 frames of 16x12x3, 2 iterations');
}, PROCESS_HEAVY);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ebm-video --help', () => {
  it('lists the commands; each explains itself', async () => {
    const [top, ...runs] = await Promise.all([ebmVideo('--help'), ...COMMANDS.map((c) => ebmVideo(c, '--help'))]);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Usage: ebm-video ${COMMANDS[i]} [options]`);
    });
    expect(runs[0].stdout).toContain('--resume');
    expect(runs[2].stdout).toContain('--missing-frames <list>');
    expect(runs[2].stdout).toContain('--method <ebm|interpolate>');
    for (const i of [0, 1, 2]) expect(runs[i].stdout).toMatch(/--seed <S>[\s\S]*--threads <N>/);
  }, PROCESS_HEAVY);
});

describe('ebm-video train, synthesize, export', () => {
  it('synthesizes numbered clips at another length and size, resumes, and exports ONNX with domain video', async () => {
    const copy = x('resumed.ebm');
    await writeFile(copy, await readFile(x('model.ebm')));
    const [synth, resume, exported] = await Promise.all([
      ebmVideo('synthesize', '--model', x('model.ebm'), '--out', x('synth.webm'), '--count', '2', '--frames', '10', '--size', '20x14', '--steps', '2'),
      ebmVideo('train', '--data', x('clip/'), '--out', copy, '--resume', '--iterations', '1'),
      ebmVideo('export', '--model', x('model.ebm'), '--out', x('model.onnx')),
    ]);
    expect(synth.code, synth.stderr).toBe(0);
    expect(synth.stderr).toMatch(/synthesizing \[#+\] 2\/2/);
    for (const k of [1, 2]) expect(await readVideo(x(`synth-${k}.webm`))).toMatchObject({ frames: 10, width: 20, height: 14 });
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stderr).toContain('3 iterations');
    expect(exported.code, exported.stderr).toBe(0);
    const onnx = await readFile(x('model.onnx'));
    expect(onnx.includes('ebm.domain')).toBe(true);
    expect(onnx.includes('video')).toBe(true);
  }, PROCESS_HEAVY);
});

describe('ebm-video recover', () => {
  it('--learn fills missing frames, --method interpolate and --model fill a square; observed pixels come back within 1/255', async () => {
    const [learn, baseline, model] = await Promise.all([
      ebmVideo('recover', '--input', x('clip/'), '--missing-frames', '4-5', '--iterations', '3', '--out', x('learned/')),
      ebmVideo('recover', '--input', x('clip/'), '--mask', x('square.png'), '--method', 'interpolate', '--out', x('baseline/')),
      ebmVideo('recover', '--input', x('clip.mp4'), '--mask', x('square.png'), '--model', x('model.ebm'), '--steps', '2', '--out', x('model.gif')),
    ]);
    for (const r of [learn, baseline, model]) expect(r.code, r.stderr).toBe(0);
    expect(learn.stderr).toMatch(/learning \[#+\] 3\/3/);
    expect(learn.stderr).toContain('(384 of 1536 pixels per channel recovered, learn, mean)');
    const plane = 16 * 12;
    for (const [folder, missing] of [['learned', (i: number) => i >= 3 * plane && i < 5 * plane], ['baseline', (i: number) => { const p = i % plane; const r = Math.floor(p / 16); const c = p % 16; return r >= 4 && r < 8 && c >= 6 && c < 10; }]] as const) {
      const out = await readVideo(x(folder));
      expect([out.frames, out.width, out.height]).toEqual([8, 16, 12]);
      let worst = 0;
      const n = 8 * plane;
      for (let i = 0; i < out.data.length; i++) if (!missing(i % n)) worst = Math.max(worst, Math.abs(out.data[i] - truth.data[i]));
      expect(worst, folder).toBeLessThanOrEqual(1 / 255 + 1e-6);
    }
    expect((await readVideo(x('model.gif'))).frames).toBe(8);
  }, PROCESS_HEAVY);
});

describe('ebm-video bad input', () => {
  it('fails with one line naming the file and the fix, a non-zero exit and nothing written', async () => {
    const before = readdirSync(dir).sort();
    const recover = (...args: string[]) => ebmVideo('recover', '--input', x('clip/'), '--method', 'interpolate', ...args);
    const runs = await Promise.all([
      ebmVideo('train', '--data', x('notes.mp4'), '--out', x('x.ebm')),
      ebmVideo('train', '--data', x('cut.mp4'), '--out', x('x.ebm'), '--size', '16x12', '--frames', '8'),
      ebmVideo('train', '--data', x('full'), '--out', x('x.ebm')),
      recover('--mask', x('small.png'), '--out', x('x1/')),
      recover('--mask', x('mask5'), '--out', x('x2/')),
      recover('--missing-frames', '3-', '--out', x('x3/')),
      recover('--missing-frames', '7-9', '--out', x('x6/')),
      recover('--missing-frames', '2', '--out', x('full/')),
      ebmVideo('synthesize', '--model', x('image.ebm'), '--out', x('x7.mp4')),
    ]);
    const expected: Array<[number, string | RegExp]> = [
      [1, `${x('notes.mp4')}: not a readable video`],
      [1, `${x('cut.mp4')} is truncated: it declares 8 frames`],
      [1, `${x('full')}: folder has no numbered PNG frames (name them 0001.png, 0002.png, …)`],
      [1, `${x('small.png')}: mask is 8x6, the input 16x12; give a mask of the input's size`],
      [1, `${x('mask5')}: mask has 5 frames, the input 8; give one mask frame per input frame, or one PNG for all frames`],
      [2, `${x('clip/')}: --missing-frames '3-': '3-' is not a frame number or range; use 1-based frame numbers and ranges such as 4,9-12`],
      [2, `--missing-frames '7-9': frame 9 is past the last frame (the clip has 8)`],
      [1, `${x('full/')}: output folder is not empty (1 entries); give a new or empty folder so frames are not mixed`],
      [1, `model file ${x('image.ebm')} is a image model, not a video model; use ebm-image for it`],
    ];
    runs.forEach((r, i) => expectOneLineError(r, expected[i][0], expected[i][1]));
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readdirSync(x('full'))).toEqual(['keep.txt']);
  }, PROCESS_HEAVY);

  it('says how to get ffmpeg when the configured one is missing', async () => {
    const env = { ...process.env };
    process.env.EBM_FFMPEG = '/nonexistent/ffmpeg';
    process.env.EBM_FFPROBE = '/nonexistent/ffprobe';
    try {
      const r = await ebmVideo('clip', '--kind', 'ripples', '--out', x('y.mp4'));
      expectOneLineError(r, 1, 'EBM_FFMPEG=/nonexistent/ffmpeg is not an executable file; set both EBM_FFMPEG and EBM_FFPROBE to executables, or unset them to use ffmpeg from PATH or the npm binaries');
      expect(existsSync(x('y.mp4'))).toBe(false);
    } finally {
      process.env = env;
    }
  }, PROCESS_HEAVY);
});
