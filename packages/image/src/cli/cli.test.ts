import { EnergyModel, saveModel } from '@ebm/core';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../io/readImage.js';
import { writeMaskPng } from '../io/writeMaskPng.js';
import { writePng } from '../io/writePng.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import { loadImageModel } from '../model/loadImageModel.js';
import { saveImageModel } from '../model/saveImageModel.js';
import { generateTexture } from '../textures/generateTexture.js';
import { expectOneLineError as expectCliError, runCli, type CliRun } from '../../../../testing/cliProcess.js';

/**
 * `ebm-image` as users run it: a separate process (the source through tsx, no build), exit codes 0 / 1 (failure) /
 * 2 (usage), one-line errors on stderr that name the file and the fix, and no output file left on failure.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function ebmImage(...args: string[]): Promise<CliRun> {
  // One compute thread each: the tests run several processes at once on a small machine.
  const threads = args.includes('--help') || ['export', 'texture'].includes(args[0]) ? [] : ['--threads', '1'];
  return runCli(MAIN, [...args, ...threads]);
}

/** The failure contract: exit code, exactly one stderr line `ebm-image: …`, no stack trace. */
function expectOneLineError(r: CliRun, code: number, text: string | RegExp): void {
  expectCliError(r, 'ebm-image', code, text);
}

/** Files in `dir` other than the inputs: outputs and temp files an atomic write might have left. */
function leftovers(dir: string, inputs: readonly string[]): string[] {
  return readdirSync(dir).filter((f) => !inputs.includes(f));
}

let dir: string;
let model: string;
const inputs = ['brick.png', 'brick32.png', 'mask50.png', 'mask8.png', 'notes.png', 'anim.gif', 'voxel.ebm', 'nan.ebm', 'model.ebm'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-cli-'));
  await writePng(join(dir, 'brick.png'), generateTexture('brick', { size: 16, seed: 1 }));
  await writePng(join(dir, 'brick32.png'), generateTexture('brick', { size: 32, seed: 2 }));
  await writeMaskPng(join(dir, 'mask50.png'), randomPixelMask(32, 32, 0.5, 5));
  await writeMaskPng(join(dir, 'mask8.png'), randomPixelMask(8, 8, 0.5, 5));
  await writeFile(join(dir, 'notes.png'), 'not an image');
  await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).gif().toFile(join(dir, 'anim.gif'));
  const voxel = await EnergyModel.create({ input: [1, 4, 4, 4], layers: [{ type: 'conv3d', outChannels: 1, kernel: 3 }] });
  await saveModel(join(dir, 'voxel.ebm'), voxel, { domain: 'voxel' });
  await voxel.dispose();
  model = join(dir, 'model.ebm');
  const train = await ebmImage('train', '--data', join(dir, 'brick.png'), '--out', model, '--size', '16', '--iterations', '3', '--steps', '3', '--seed', '1');
  expect(train.code, train.stderr).toBe(0);
  expect(train.stderr).toMatch(/training \[#+\] 3\/3/);
  const nan = await loadImageModel(model);
  nan.model.theta.fill(NaN);
  await saveImageModel(join(dir, 'nan.ebm'), nan);
  await nan.model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ebm-image --help', () => {
  it('lists the subcommands, and each subcommand explains itself with --seed among its options', async () => {
    const subcommands = ['train', 'synthesize', 'inpaint', 'interpolate', 'export', 'texture'];
    const [top, ...runs] = await Promise.all([ebmImage('--help'), ...subcommands.map((s) => ebmImage(s, '--help'))]);
    expect(top.code).toBe(0);
    for (const s of subcommands) expect(top.stdout).toMatch(new RegExp(`^  ${s} `, 'm'));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Usage: ebm-image ${subcommands[i]} [options]`);
      if (subcommands[i] !== 'export') expect(r.stdout).toContain('--seed <S>');
    });
    expect(runs[0].stdout).toContain('--resume');
    expect(runs[2].stdout).toContain('--method <ebm|harmonic|mean>');
  });
});

describe('ebm-image train and synthesize', () => {
  it('writes a PNG of the asked size, and a sample sheet for --count', async () => {
    const one = join(dir, 'one.png');
    const sheet = join(dir, 'sheet.png');
    const [a, b] = await Promise.all([
      ebmImage('synthesize', '--model', model, '--out', one, '--width', '40', '--height', '24', '--seed', '3'),
      ebmImage('synthesize', '--model', model, '--out', sheet, '--count', '4', '--steps', '2'),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toMatch(/synthesizing \[#+\] 3\/3/); // the model's steps (trained with --steps 3)
    expect(await sharp(one).metadata()).toMatchObject({ width: 40, height: 24, channels: 3, format: 'png' });
    expect(b.code, b.stderr).toBe(0);
    // 2 × 2 images of 16 px with 2 px gaps around and between.
    expect(await sharp(sheet).metadata()).toMatchObject({ width: 38, height: 38 });
  });

  it('--resume continues from the model file', async () => {
    const copy = join(dir, 'resumed.ebm');
    await writeFile(copy, await readFile(model));
    const r = await ebmImage('train', '--data', join(dir, 'brick.png'), '--out', copy, '--resume', '--iterations', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('texture model, 16x16x3, 5 iterations');
    const wrong = await ebmImage('train', '--data', join(dir, 'brick.png'), '--out', copy, '--resume', '--preset', 'object');
    expectOneLineError(wrong, 2, `--resume: ${copy} is a texture model; drop --preset or give --preset texture`);
  });
});

describe('ebm-image inpaint', () => {
  it('harmonic beats mean fill on a generated texture with half its pixels missing', async () => {
    const [h, m] = await Promise.all(
      ['harmonic', 'mean'].map((method) =>
        ebmImage('inpaint', '--input', join(dir, 'brick32.png'), '--mask', join(dir, 'mask50.png'), '--method', method, '--out', join(dir, `${method}.png`)),
      ),
    );
    expect(h.code, h.stderr).toBe(0);
    expect(m.code, m.stderr).toBe(0);
    const truth = await readImage(join(dir, 'brick32.png'));
    const mask = randomPixelMask(32, 32, 0.5, 5);
    const harmonic = maskedRmse(await readImage(join(dir, 'harmonic.png')), truth, mask);
    const mean = maskedRmse(await readImage(join(dir, 'mean.png')), truth, mask);
    expect(harmonic).toBeLessThan(0.8 * mean);
  });

  it('--learn on a 32×32 image beats mean fill, and --model fills the holes', async () => {
    const [learn, withModel] = await Promise.all([
      ebmImage('inpaint', '--input', join(dir, 'brick32.png'), '--mask', join(dir, 'mask50.png'), '--learn', '--iterations', '10', '--out', join(dir, 'learn.png')),
      ebmImage('inpaint', '--input', join(dir, 'brick32.png'), '--mask', join(dir, 'mask50.png'), '--model', model, '--steps', '5', '--out', join(dir, 'model.png')),
    ]);
    expect(learn.code, learn.stderr).toBe(0);
    expect(learn.stderr).toMatch(/learning \[#+\] 10\/10/);
    expect(withModel.code, withModel.stderr).toBe(0);
    const truth = await readImage(join(dir, 'brick32.png'));
    const mask = randomPixelMask(32, 32, 0.5, 5);
    const mean = maskedRmse(await readImage(join(dir, 'mean.png')), truth, mask);
    expect(maskedRmse(await readImage(join(dir, 'learn.png')), truth, mask)).toBeLessThan(0.7 * mean);
    expect((await readImage(join(dir, 'model.png'))).width).toBe(32);
  });
});

describe('ebm-image interpolate and export', () => {
  it('writes a sheet of the frames and a self-contained ONNX file', async () => {
    const [i, e] = await Promise.all([
      ebmImage('interpolate', '--model', model, '--from', join(dir, 'brick.png'), '--to', join(dir, 'brick32.png'), '--frames', '3', '--steps', '2', '--frame-steps', '2', '--out', join(dir, 'path.png')),
      ebmImage('export', '--model', model, '--out', join(dir, 'model.onnx')),
    ]);
    expect(i.code, i.stderr).toBe(0);
    expect(await sharp(join(dir, 'path.png')).metadata()).toMatchObject({ width: 3 * 16 + 4 * 2, height: 20 });
    expect(e.code, e.stderr).toBe(0);
    const onnx = await readFile(join(dir, 'model.onnx'));
    expect(onnx.length).toBeGreaterThan(10_000);
    expect(onnx.includes('ebm.normalisation')).toBe(true);
    expect(onnx.includes('"smoothness"')).toBe(true);
  });
});

describe('ebm-image bad input', () => {
  it('fails with one line naming the file and the fix, a non-zero exit and no file left behind', async () => {
    const out = join(dir, 'bad', 'x.png');
    const x = (name: string): string => join(dir, name);
    const before = leftovers(dir, inputs);
    const [unreadable, gif, maskSize, voxel, folder, nan, estimate] = await Promise.all([
      ebmImage('train', '--data', x('notes.png'), '--out', x('x.ebm')),
      ebmImage('inpaint', '--input', x('anim.gif'), '--mask', x('mask50.png'), '--method', 'harmonic', '--out', x('x1.png')),
      ebmImage('inpaint', '--input', x('brick32.png'), '--mask', x('mask8.png'), '--model', model, '--out', x('x2.png')),
      ebmImage('synthesize', '--model', x('voxel.ebm'), '--out', x('x3.png')),
      ebmImage('synthesize', '--model', model, '--out', out),
      ebmImage('synthesize', '--model', x('nan.ebm'), '--out', x('x4.png')),
      ebmImage('inpaint', '--input', x('brick32.png'), '--mask', x('mask50.png'), '--learn', '--estimate', 'blur', '--out', x('x5.png')),
    ]);
    expectOneLineError(unreadable, 1, `${x('notes.png')}: not a readable image (use a PNG, JPEG or WebP file)`);
    expectOneLineError(gif, 1, `${x('anim.gif')}: unsupported image format gif (convert it to PNG, JPEG or WebP)`);
    expectOneLineError(maskSize, 1, `${x('mask8.png')}: Mask size 8x8 does not match image 32x32 (resize the mask or pass --mask-resize)`);
    expectOneLineError(voxel, 1, `model file ${x('voxel.ebm')} is a voxel model, not an image model; use ebm-voxel for it`);
    expectOneLineError(folder, 2, `--out ${out}: folder ${join(dir, 'bad')} does not exist (create it first: mkdir -p ${join(dir, 'bad')})`);
    expectOneLineError(nan, 1, new RegExp(`^ebm-image: ${x('nan.ebm')}: sampling diverged, .* \\(lower --step-size or --steps, or retrain with a lower learning rate\\)$`));
    expectOneLineError(estimate, 2, '--estimate blur is not an estimate; use one of auto, mean, sample');
    expect(leftovers(dir, inputs)).toEqual(before);
    expect(existsSync(out)).toBe(false);
  });
});
