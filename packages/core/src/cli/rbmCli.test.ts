import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { saveModel } from '../model/persistModel.js';
import { encodeGreyPng } from '../rbm/greyImageFiles.js';
import { loadRbmModel } from '../rbm/rbmModelFile.js';
import { expectOneLineError, runCli, type CliRun } from '../../../../testing/cliProcess.js';

/**
 * `ebm rbm` as users run it (separate processes): train on a folder of binary bars (PNG and JPEG files), eval with the JSON contract,
 * sample a sheet; bad input gives one line naming the file and the fix, and writes nothing.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const rbm = (...args: string[]): Promise<CliRun> => runCli(MAIN, ['rbm', ...args]);

let dir: string;
let data: string;
let model: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-rbm-cli-'));
  data = join(dir, 'bars');
  mkdirSync(data);
  // 6×6 images: one bright row or one bright column each (12 patterns), twice: once as grey PNGs, once as JPEGs.
  let k = 0;
  for (let rep = 0; rep < 2; rep++)
    for (let r = 0; r < 6; r++)
      for (const dir2 of ['row', 'col']) {
        const px = new Float32Array(36).map((_, i) => ((dir2 === 'row' ? Math.floor(i / 6) : i % 6) === r ? 1 : 0));
        const png = await encodeGreyPng({ width: 6, height: 6, data: px });
        const name = join(data, String(k++).padStart(2, '0'));
        if (rep === 0) writeFileSync(`${name}.png`, png);
        else await sharp(png).jpeg({ quality: 95 }).toFile(`${name}.jpg`);
      }
  mkdirSync(join(dir, 'mixed'));
  writeFileSync(join(dir, 'mixed', 'a.png'), await encodeGreyPng({ width: 6, height: 6, data: new Float32Array(36) }));
  writeFileSync(join(dir, 'mixed', 'b.png'), await encodeGreyPng({ width: 5, height: 6, data: new Float32Array(30) }));
  const net = await EnergyModel.create({ input: [1, 4, 4], layers: [{ type: 'conv2d', outChannels: 1, kernel: 3 }] }, { threads: 1 });
  await saveModel(join(dir, 'texture.ebm'), net, { domain: 'image', training: { preset: 'texture' } });
  await net.dispose();
  model = join(dir, 'bars.ebm');
  const r = await rbm('train', '--data', data, '--hidden', '8', '--epochs', '30', '--batch-size', '4', '--learning-rate', '0.1', '--out', model, '--seed', '2');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain('19 training and 5 held-out binary images 6x6');
  expect(r.stderr).toMatch(/training \[#+\] 30\/30/);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ebm rbm', () => {
  it('has --help for train, eval and sample; eval gives the JSON keys; sample writes a PNG sheet', async () => {
    const sheet = join(dir, 'sheet.png');
    const [help, ev, sample] = await Promise.all([
      rbm('--help'),
      rbm('eval', '--model', model, '--json', '--ais-temperatures', '300', '--ais-runs', '50'),
      rbm('sample', '--model', model, '--out', sheet, '--count', '4', '--gibbs-steps', '20'),
    ]);
    expect(help.code).toBe(0);
    for (const c of ['train', 'eval', 'sample']) expect(help.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, 'm'));
    expect(ev.code, ev.stderr).toBe(0);
    const r = JSON.parse(ev.stdout.trim().split('\n').pop()!);
    expect(r.count).toBe(5);
    // 36 binary pixels: a log-likelihood between −36·log 2 (uniform) and 0; the trained model beats uniform.
    expect(r.ais_log_likelihood).toBeLessThan(0);
    expect(r.ais_log_likelihood).toBeGreaterThan(-36 * Math.LN2);
    expect(r.ais_log_likelihood_std).toBeGreaterThan(0);
    expect(typeof r.log_partition).toBe('number');
    expect(typeof r.reconstruction_error).toBe('number');
    expect(sample.code, sample.stderr).toBe(0);
    const png = await sharp(sheet).metadata();
    expect([png.format, png.width, png.height, png.channels]).toEqual(['png', 2 + 2 * 8, 2 + 2 * 8, 1]);
    const m = await loadRbmModel(model);
    expect([m.rbm.visible, m.rbm.hidden, m.epochs]).toEqual([36, 8, 30]);
  });

  it('refuses bad input with one line naming the file and the fix, and writes nothing', async () => {
    const out = join(dir, 'never.ebm');
    const [wrongKind, mixed, noData, badCd] = await Promise.all([
      rbm('eval', '--model', join(dir, 'texture.ebm')),
      rbm('train', '--data', join(dir, 'mixed'), '--out', out, '--hidden', '2', '--epochs', '1'),
      rbm('train', '--data', join(dir, 'nothing'), '--out', out),
      rbm('train', '--data', data, '--out', out, '--cd', '0'),
    ]);
    expectOneLineError(wrongKind, 'ebm', 1, `model file ${join(dir, 'texture.ebm')} is an energy network (domain image), not a Boltzmann machine; train one with ebm rbm train`);
    expectOneLineError(mixed, 'ebm', 1, `${join(dir, 'mixed', 'b.png')}: size 5x6 differs from 6x6`);
    expectOneLineError(noData, 'ebm', 1, `--data ${join(dir, 'nothing')}: not 'mnist' and not a folder of images`);
    expectOneLineError(badCd, 'ebm', 2, '--cd 0 must be a whole number ≥ 1');
    expect(existsSync(out)).toBe(false);
  });
});
