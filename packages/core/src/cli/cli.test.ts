import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { saveModel } from '../model/persistModel.js';
import { readNpy } from '../io/npy.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { expectOneLineError as expectCliError, runCli, type CliRun } from '../../../../testing/cliProcess.js';

/**
 * The `ebm` CLI as users and scripts run it: a separate process (source run through tsx, no build), exit codes
 * 0 / 1 (failure) / 2 (usage), one-line errors on stderr that name the file, nothing written on failure.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function ebm(...args: string[]): Promise<CliRun> {
  return runCli(MAIN, args);
}

/** A failure as the contract says: the exit code, exactly one line `ebm: …` on stderr, no stack trace. */
function expectOneLineError(r: CliRun, code: number, pattern: RegExp | string): void {
  expectCliError(r, 'ebm', code, pattern);
}

const SPEC: NetworkSpec = {
  input: [2, 6, 6],
  referenceSigma: 1,
  layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 }, { type: 'leakyRelu', alpha: 0.2 }],
};

let dir: string;
let modelFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-cli-'));
  modelFile = join(dir, 'm.ebm');
  const model = await EnergyModel.create(SPEC, { seed: 4, threads: 1 });
  await saveModel(modelFile, model, {
    domain: 'image',
    normalisation: { scale: 2, offset: -1 },
    sampler: { name: 'langevin', options: { steps: 20, stepSize: 0.1 } },
    training: { data: 'test' },
  });
  await model.dispose();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ebm CLI', () => {
  it('--help lists the commands, and every command has --help', async () => {
    const commands = ['bench', 'export', 'sample', 'info'];
    const [top, ...subs] = await Promise.all([ebm('--help'), ...commands.map((c) => ebm(c, '--help'))]);
    expect(top.code).toBe(0);
    for (const c of commands) expect(top.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, 'm'));
    subs.forEach((r, i) => {
      expect(r.code, `${commands[i]} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(`Usage: ebm ${commands[i]}`);
      expect(r.stdout).toContain('-h, --help');
    });
    expect(subs[1].stdout).toContain('--model <model.ebm>');
    expect(subs[1].stdout).toContain('--out <model.onnx>');
    expect(subs[2].stdout).toMatch(/--onnx <model\.onnx>[\s\S]*--count <N>[\s\S]*--steps <K>[\s\S]*--out <samples\.npy>/);
  });

  it('bench --engine: an unknown engine is a usage error, and EBM_ENGINE with an unknown name fails in one line', async () => {
    const bad = await ebm('bench', '--engine', 'fast', '--nets', 'texture');
    expectOneLineError(bad, 2, "--engine: 'fast' is not one of auto, onnx, onednn");
    const env = await runCli(MAIN, ['bench', '--nets', 'texture', '--reps', '1', '--warmup', '0'], { EBM_ENGINE: 'turbo' });
    expectOneLineError(env, 1, "EBM_ENGINE 'turbo' is not an engine; use one of auto, onnx, onednn");
  });

  it('export, info and sample on a small saved model', async () => {
    const onnx = join(dir, 'm.onnx');
    const exported = await ebm('export', '--model', modelFile, '--out', onnx);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`wrote ${onnx}`);
    expect(existsSync(onnx)).toBe(true);

    const fromOnnx = join(dir, 's.npy');
    const fromModel = join(dir, 's2.npy');
    const [infoModel, infoOnnx, sampled, sampledModel] = await Promise.all([
      ebm('info', modelFile),
      ebm('info', onnx, '--json'),
      ebm('sample', '--onnx', onnx, '--count', '3', '--steps', '5', '--out', fromOnnx),
      ebm('sample', '--model', modelFile, '--count', '3', '--steps', '5', '--out', fromModel),
    ]);

    expect(infoModel.code, infoModel.stderr).toBe(0);
    // 2·3·3·3 weights + 3 biases = 57 parameters
    expect(infoModel.stdout).toContain('kind: ebm model file');
    expect(infoModel.stdout).toContain('domain: image');
    expect(infoModel.stdout).toContain('parameters: 57');
    expect(infoModel.stdout).toMatch(/layers:\n {2}0: conv2d outChannels=3 kernel=3 stride=2 padding=1\n {2}1: leakyRelu alpha=0\.2/);
    expect(infoModel.stdout).toContain('normalisation: {"scale":2,"offset":-1}');
    expect(infoModel.stdout).toContain('resumable: false');

    expect(infoOnnx.code, infoOnnx.stderr).toBe(0);
    const info = JSON.parse(infoOnnx.stdout);
    expect(info).toMatchObject({
      kind: 'exported ONNX energy',
      domain: 'image',
      input: ['N', 2, 6, 6],
      parameters: 57,
      normalisation: { scale: 2, offset: -1 },
      sampler: { name: 'langevin', options: { steps: 20, stepSize: 0.1 } },
    });

    expect(sampled.code, sampled.stderr).toBe(0);
    expect(sampled.stderr).toContain(`wrote ${fromOnnx} [3, 2, 6, 6]`);
    const s = await readNpy(fromOnnx);
    expect(s.shape).toEqual([3, 2, 6, 6]);
    expect(s.data.every(Number.isFinite)).toBe(true);
    // The ONNX file alone gives the model file's samples (same seed, same sampler defaults).
    expect(sampledModel.code, sampledModel.stderr).toBe(0);
    const s2 = await readNpy(fromModel);
    let worst = 0;
    for (let i = 0; i < s.data.length; i++) worst = Math.max(worst, Math.abs(s.data[i] - s2.data[i]));
    expect(worst, 'samples from --onnx vs --model').toBeLessThan(1e-4);
  });

  it('fails cleanly: missing model file, missing output folder, unknown option', async () => {
    const missing = join(dir, 'no-such-model.ebm');
    const noFolder = join(dir, 'no-such-folder');
    const [noModel, noInfo, exportNoDir, sampleNoDir, unknown, noCommand, sampleBoth] = await Promise.all([
      ebm('export', '--model', missing, '--out', join(dir, 'x.onnx')),
      ebm('info', missing),
      ebm('export', '--model', modelFile, '--out', join(noFolder, 'm.onnx')),
      ebm('sample', '--model', modelFile, '--count', '2', '--steps', '1', '--out', join(noFolder, 's.npy')),
      ebm('sample', '--onnx', join(dir, 'm.onnx'), '--frobnicate', '3', '--out', join(dir, 'u.npy')),
      ebm('frobnicate'),
      ebm('sample', '--count', '2', '--out', join(dir, 'v.npy')),
    ]);
    expectOneLineError(noModel, 1, `model file ${missing} does not exist`);
    expectOneLineError(noInfo, 1, `${missing} does not exist`);
    expect(existsSync(join(dir, 'x.onnx'))).toBe(false);

    for (const r of [exportNoDir, sampleNoDir]) {
      expect(r.code).not.toBe(0);
      expectOneLineError(r, r.code!, `folder ${noFolder} does not exist`);
    }
    expect(existsSync(noFolder)).toBe(false);

    expectOneLineError(unknown, 2, "unknown option '--frobnicate' (see ebm sample --help)");
    expectOneLineError(noCommand, 2, "unknown command 'frobnicate'");
    expectOneLineError(sampleBoth, 2, 'give exactly one of --onnx or --model');
    expect(readdirSync(dir).filter((n) => /^[uvx]\.|\.tmp$/.test(n))).toEqual([]);
  });
});
