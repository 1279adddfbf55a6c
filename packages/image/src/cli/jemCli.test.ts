import { EnergyModel, saveModel, saveRbmModel, createRbm } from '@ebm/core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { readImage } from '../io/readImage.js';
import { writePng } from '../io/writePng.js';
import { disposeJemModel, loadJemModel } from '../jem/JemModel.js';
import { expectOneLineError, runCli, type CliRun } from '../../../../testing/cliProcess.js';

/**
 * `ebm-image jem` as users run it (separate processes): train on a tiny folder of two classes, eval with the JSON
 * contract, sample a class sheet judged by a classifier; and the bad-input contract (one line naming the file and the
 * fix, exit code, nothing written).
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const jem = (...args: string[]): Promise<CliRun> => runCli(MAIN, ['jem', ...args]);

let dir: string;
let data: string;
let model: string;

/** An 8×8 grey image: a bright bar on the left (class 'left') or right (class 'right'), jittered by one pixel. */
function bar(side: 'left' | 'right', jitter: number) {
  const im = createImage(8, 8, 1);
  for (let y = 1; y < 7; y++) for (let x = 0; x < 3; x++) im.data[y * 8 + (side === 'left' ? x + jitter : 7 - x - jitter)] = 0.9;
  return im;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-jem-cli-'));
  data = join(dir, 'bars');
  for (const side of ['left', 'right'] as const) {
    await mkdir(join(data, side), { recursive: true });
    for (let k = 0; k < 6; k++) await writePng(join(data, side, `${k}.png`), bar(side, k % 2));
  }
  await mkdir(join(dir, 'flat'));
  await writePng(join(dir, 'flat', 'a.png'), bar('left', 0));
  await mkdir(join(dir, 'mixed', 'a'), { recursive: true });
  await mkdir(join(dir, 'mixed', 'b'));
  await writePng(join(dir, 'mixed', 'a', '0.png'), bar('left', 0));
  await writePng(join(dir, 'mixed', 'b', '0.png'), createImage(9, 8, 1));
  const rbm = createRbm(64, 4, 1);
  await saveRbmModel(join(dir, 'rbm.ebm'), { rbm, height: 8, width: 8, data: 'x', epochs: 0, training: {} });
  const texture = await EnergyModel.create({ input: [1, 8, 8], layers: [{ type: 'conv2d', outChannels: 2, kernel: 3 }] });
  await saveModel(join(dir, 'texture.ebm'), texture, { domain: 'image', training: { preset: 'texture' } });
  await texture.dispose();
  model = join(dir, 'bars.ebm');
  const r = await jem('train', '--data', data, '--out', model, '--iterations', '4', '--width', '2', '--batch-size', '4', '--sgld-steps', '2', '--buffer-size', '16', '--threads', '1', '--seed', '1');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain('training and 2 held-out images [1, 8, 8], 2 classes');
  expect(r.stderr).toMatch(/training \[#+\] 4\/4/);
  expect(r.stderr).toContain(`wrote ${model} (4 iterations`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ebm-image jem', () => {
  it('lists train, eval and sample, each with --help and --seed', async () => {
    const [top, ...subs] = await Promise.all([jem('--help'), jem('train', '--help'), jem('eval', '--help'), jem('sample', '--help')]);
    expect(top.code).toBe(0);
    for (const c of ['train', 'eval', 'sample']) expect(top.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, 'm'));
    subs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Usage: ebm-image jem ${['train', 'eval', 'sample'][i]} [options]`);
      expect(r.stdout).toContain('--seed <S>');
    });
    expect(subs[0].stdout).toMatch(/--sgld-step-size <α>\s+SGLD gradient step \(default: 1\)/);
    expect(subs[0].stdout).toMatch(/--reinit-prob <p>.*\(default: 0\.05\)/);
  });

  it('eval prints one JSON object with the four keys on the last line; sample writes a sheet and a judgement', async () => {
    const sheet = join(dir, 'right.png');
    const [ev, sample] = await Promise.all([
      jem('eval', '--model', model, '--json', '--threads', '1'),
      jem('sample', '--model', model, '--class', 'right', '--count', '4', '--steps', '3', '--out', sheet, '--judge', model, '--json', '--threads', '1'),
    ]);
    expect(ev.code, ev.stderr).toBe(0);
    const last = JSON.parse(ev.stdout.trim().split('\n').pop()!);
    for (const k of ['accuracy', 'ece', 'ood_auroc_noise', 'ood_auroc_inverted']) {
      expect(typeof last[k], k).toBe('number');
      expect(last[k]).toBeGreaterThanOrEqual(0);
      expect(last[k]).toBeLessThanOrEqual(1);
    }
    expect(last.count).toBe(2);
    expect(sample.code, sample.stderr).toBe(0);
    expect(sample.stderr).toContain(`wrote ${sheet} (4 samples of class right, 3 SGLD steps)`);
    expect(sample.stderr).toMatch(/labels \d of 4 samples as class right/);
    const judged = JSON.parse(sample.stdout.trim().split('\n').pop()!);
    expect(judged).toMatchObject({ class: 'right', count: 4 });
    const png = await readImage(sheet);
    // 2 × 2 grid of 8×8 with 2-pixel gaps.
    expect([png.width, png.height]).toEqual([22, 22]);
  });

  it('--init starts from the θ of another classifier (a learning rate of 1e-12 keeps it); another --width is refused', async () => {
    const tuned = join(dir, 'tuned.ebm');
    const args = ['--data', data, '--iterations', '1', '--batch-size', '4', '--sgld-steps', '2', '--buffer-size', '16', '--threads', '1', '--warmup', '0'];
    const [ok, wide] = await Promise.all([
      jem('train', ...args, '--init', model, '--width', '2', '--learning-rate', '1e-12', '--out', tuned),
      jem('train', ...args, '--init', model, '--width', '3', '--out', join(dir, 'never-wide.ebm')),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const [a, b] = await Promise.all([loadJemModel(model, { threads: 1 }), loadJemModel(tuned, { threads: 1 })]);
    let worst = 0;
    for (let i = 0; i < a.model.theta.length; i++) worst = Math.max(worst, Math.abs(a.model.theta[i] - b.model.theta[i]));
    expect(worst).toBeLessThan(1e-6);
    // A fresh He initialisation differs from the trained θ by far more than that.
    expect(a.model.theta.some((t) => Math.abs(t) > 1e-3)).toBe(true);
    await Promise.all([disposeJemModel(a), disposeJemModel(b)]);
    expectOneLineError(wide, 'ebm-image', 1, `--init ${model}: its network (classes left, right,`);
    expect(existsSync(join(dir, 'never-wide.ebm'))).toBe(false);
  });

  it('refuses bad input with one line naming the file and the fix, and writes nothing', async () => {
    const out = join(dir, 'never.png');
    const outModel = join(dir, 'never.ebm');
    const [badClass, flat, mixed, rbmEval, textureEval, noFolder] = await Promise.all([
      jem('sample', '--model', model, '--class', '7', '--out', out),
      jem('train', '--data', join(dir, 'flat'), '--out', outModel, '--iterations', '1'),
      jem('train', '--data', join(dir, 'mixed'), '--out', outModel, '--iterations', '1'),
      jem('eval', '--model', join(dir, 'rbm.ebm')),
      jem('eval', '--model', join(dir, 'texture.ebm')),
      jem('train', '--data', join(dir, 'nothing'), '--out', outModel),
    ]);
    expectOneLineError(badClass, 'ebm-image', 2, `--class 7: ${model} has classes left, right; give one of them or an index 0…1`);
    expectOneLineError(flat, 'ebm-image', 1, `${join(dir, 'flat')}: has no class sub-folders (put the images of each class in its own sub-folder`);
    expectOneLineError(mixed, 'ebm-image', 1, `${join(dir, 'mixed', 'b', '0.png')}: size 9x8 differs from 8x8`);
    expectOneLineError(rbmEval, 'ebm-image', 1, 'is a Boltzmann machine (use ebm rbm eval), not a JEM classifier; train one with ebm-image jem train');
    expectOneLineError(textureEval, 'ebm-image', 1, 'is an ebm-image texture model, not a JEM classifier');
    expectOneLineError(noFolder, 'ebm-image', 1, 'folder not found (check the --data path, or use --data mnist)');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(outModel)).toBe(false);
  });
});
