import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModelFile, saveModelFile } from './modelIO.js';
import { loadModel, saveModel } from './persistModel.js';
import { encodeModelFile, MODEL_FORMAT_VERSION, type ModelFileContents } from './ModelFile.js';
import { ModelFileError } from './ModelFileError.js';
import { crashData, crashTrainer } from './testing/crashTraining.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { Rng } from '../random/Rng.js';

/**
 * Model files survive crashes: a training process that checkpoints every iteration is SIGKILLed at random moments
 * and right in the middle of writes; the checkpoint always loads (checksum OK) and is exactly one of the checkpoints
 * the run wrote, and training resumed from it ends bit-identical to an uninterrupted run. Damaged, newer, foreign
 * and unwritable files give a ModelFileError that names the file and says what is wrong.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./testing/checkpointLoop.ts', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hashOf = (a: Float32Array): string => createHash('sha256').update(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process running checkpointLoop.ts, with the lines it printed. */
class Trainee {
  readonly proc: ChildProcess;
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(file: string, total: number, resume: boolean) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(total), ...(resume ? ['--resume'] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    this.proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      this.lines.push(...parts);
      this.waiters.splice(0).forEach((w) => w());
    });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(() => this.waiters.splice(0).forEach((w) => w()));
  }

  /** The number after the last line starting with `word`, or undefined. */
  last(word: 'ready' | 'saved'): number | undefined {
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i].startsWith(word + ' ')) return Number(this.lines[i].split(' ')[1]);
    return undefined;
  }

  /** Waits until a line starting with `word` has been printed (fails when the process exits first or after 60 s). */
  async waitFor(word: 'ready' | 'saved'): Promise<number> {
    const deadline = Date.now() + 60_000;
    while (this.last(word) === undefined) {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) throw new Error(`child exited before '${word}': ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no '${word}' from the child within 60 s: ${this.stderr}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.last(word)!;
  }
}

/** Temp files of an atomic write of `base` in `dir`, optionally only those of one process. */
function tempFiles(base: string, pid?: number): string[] {
  return readdirSync(dir).filter((n) => n.startsWith(pid === undefined ? `.${base}.` : `.${base}.${pid}.`) && n.endsWith('.tmp'));
}

describe('crash safety of checkpoints', () => {
  it('SIGKILL at random moments and during writes always leaves a loadable checkpoint, and resuming ends bit-identical', async () => {
    const TOTAL = 12;
    const KILLS = 4;
    const base = 'crash.ebm';
    const file = join(dir, base);

    // The uninterrupted run, θ hashed after every iteration: every checkpoint on disk must be one of these.
    const { model, trainer } = await crashTrainer();
    const data = crashData();
    const reference = [hashOf(model.theta)];
    for (let i = 0; i < TOTAL; i++) {
      await trainer.step(data);
      reference.push(hashOf(model.theta));
    }
    await model.dispose();

    const rng = new Rng(2024);
    let midWrite = 0;
    const landed: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const resume = k > 0;
      const before = resume ? ((await loadModelFile(file)).training!.trainer as { iteration: number }).iteration : 0;
      const child = new Trainee(file, TOTAL, resume);
      expect(await child.waitFor('ready'), 'the resumed run starts where the checkpoint is').toBe(before);
      await child.waitFor('saved');
      const pid = child.proc.pid!;
      if (k % 2 === 0) {
        // Kill as soon as a write of the next checkpoint has begun (its temp file exists).
        const deadline = Date.now() + 30_000;
        while (tempFiles(base, pid).length === 0 && Date.now() < deadline && child.proc.exitCode === null) await new Promise((r) => setImmediate(r));
      } else {
        await sleep(rng.uniform() * 250); // somewhere in a step or a write
      }
      child.proc.kill('SIGKILL');
      const { signal } = await child.exited;
      expect(signal, `run ${k} finished before it was killed; raise TOTAL`).toBe('SIGKILL');
      const leftover = tempFiles(base, pid).length > 0;
      if (leftover) midWrite++;

      // The target name always holds a complete checkpoint: checksum OK, and exactly one the run wrote.
      const contents = await loadModelFile(file);
      const iteration = (contents.training!.trainer as { iteration: number }).iteration;
      const reported = child.last('saved')!;
      expect(iteration, 'the checkpoint is older than one the child reported saved').toBeGreaterThanOrEqual(reported);
      expect(hashOf(contents.tensors.theta), `checkpoint of iteration ${iteration} differs from the run's θ`).toBe(reference[iteration]);
      for (const name of readdirSync(dir)) expect(name === base || /^\.crash\.ebm\.\d+\.[0-9a-z]+\.tmp$/.test(name), `unexpected file ${name}`).toBe(true);
      landed.push(`${k % 2 === 0 ? 'in a write' : 'at random'}: checkpoint ${iteration}${leftover ? ', temp file left' : ''}`);
    }

    // Resume to the end: the final θ is the uninterrupted run's, and the stale temp files of killed runs are gone.
    const last = new Trainee(file, TOTAL, true);
    const { code } = await last.exited;
    expect(code, last.stderr).toBe(0);
    const final = await loadModelFile(file);
    expect((final.training!.trainer as { iteration: number }).iteration).toBe(TOTAL);
    expect(hashOf(final.tensors.theta), 'resumed through the kills vs uninterrupted').toBe(reference[TOTAL]);
    expect(tempFiles(base), 'stale temp files left').toEqual([]);
    console.log(`crash safety: ${KILLS} kills (${landed.join('; ')}); ${midWrite} landed mid-write; final θ equals the uninterrupted run's`);
    expect(midWrite, 'no kill landed during a write').toBeGreaterThanOrEqual(1);
  });
});

// ---- damaged, newer, foreign and unwritable files ------------------------------------------------------------------

const SMALL: NetworkSpec = { input: [1, 4, 4], layers: [{ type: 'conv2d', outChannels: 2, kernel: 3 }, { type: 'tanh' }] };

async function smallModelFile(name: string, domain: 'image' | 'voxel' | 'generic' = 'generic'): Promise<string> {
  const model = await EnergyModel.create(SMALL, { seed: 1, threads: 1 });
  const file = join(dir, name);
  await saveModel(file, model, { domain, normalisation: { scale: 2, offset: -1 } });
  await model.dispose();
  return file;
}

async function expectModelFileError(file: string, pattern: RegExp, expect_?: 'image'): Promise<ModelFileError> {
  const err = await loadModelFile(file, expect_).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelFileError);
  const e = err as ModelFileError;
  expect(e.message).toMatch(pattern);
  expect(e.message).toContain(file);
  expect(e.path).toBe(file);
  expect(e.message, 'one line').not.toContain('\n');
  return e;
}

describe('model file errors', () => {
  it('a truncated file fails its checksum', async () => {
    const file = await smallModelFile('truncated.ebm');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 7));
    await expectModelFileError(file, /damaged: its checksum does not match/);
    writeFileSync(file, bytes.subarray(0, 30));
    await expectModelFileError(file, /not an ebm model file/);
  });

  it('a flipped byte in the header or in the parameters fails the checksum', async () => {
    const file = await smallModelFile('flipped.ebm');
    const bytes = readFileSync(file);
    for (const at of [50, bytes.length - 3]) {
      const bad = Buffer.from(bytes);
      bad[at] ^= 0x10;
      writeFileSync(file, bad);
      await expectModelFileError(file, /checksum/);
    }
    const bad = Buffer.from(bytes);
    bad[0] ^= 0x01; // the magic
    writeFileSync(file, bad);
    await expectModelFileError(file, /is not an ebm model file/);
    writeFileSync(file, bytes);
    await expect(loadModelFile(file)).resolves.toMatchObject({ spec: SMALL, normalisation: { scale: 2, offset: -1 } });
  });

  it('a file of a newer format version asks for an upgrade', async () => {
    const file = join(dir, 'newer.ebm');
    const contents: ModelFileContents = { formatVersion: MODEL_FORMAT_VERSION + 1, domain: 'generic', spec: SMALL, tensors: { theta: new Float32Array(20) } };
    writeFileSync(file, encodeModelFile(contents));
    await expectModelFileError(file, new RegExp(`format version ${MODEL_FORMAT_VERSION + 1}, newer than this tool reads \\(${MODEL_FORMAT_VERSION}\\); upgrade @ebm/core`));
  });

  it("a model of another domain says which tool to use, and a generic one loads anywhere", async () => {
    const voxel = await smallModelFile('voxel.ebm', 'voxel');
    await expectModelFileError(voxel, /is a voxel model, not an image model; use ebm-voxel for it/, 'image');
    const err = await loadModel(voxel, { expect: 'image', threads: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(/use ebm-voxel/);
    const generic = await smallModelFile('generic.ebm');
    await expect(loadModelFile(generic, 'image')).resolves.toMatchObject({ domain: 'generic' });
  });

  it('a missing file and a missing folder are named', async () => {
    await expectModelFileError(join(dir, 'nothing-here.ebm'), /does not exist/);
    const folder = join(dir, 'no-such-folder');
    const target = join(folder, 'm.ebm');
    const model = await EnergyModel.create(SMALL, { seed: 1, threads: 1 });
    const err = await saveModel(target, model, { domain: 'generic' }).catch((e: unknown) => e);
    await model.dispose();
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toContain(`folder ${folder} does not exist`);
    expect(existsSync(folder)).toBe(false);
  });

  it('a header that passes the checksum but is malformed gives a ModelFileError, not a crash', async () => {
    // Files as a buggy writer might make them: a valid checksum over a bad header.
    const forge = (header: unknown, tensorBytes = 0): Buffer => {
      const json = Buffer.from(JSON.stringify(header), 'utf8');
      const body = Buffer.alloc(4 + json.length + ((4 - ((4 + json.length) % 4)) % 4) + tensorBytes);
      body.writeUInt32LE(json.length, 0);
      json.copy(body, 4);
      return Buffer.concat([Buffer.from('EBMMODEL', 'latin1'), createHash('sha256').update(body).digest(), body]);
    };
    const file = join(dir, 'forged.ebm');
    const ok = { formatVersion: 1, domain: 'generic', spec: SMALL };
    const cases: [unknown, number, RegExp][] = [
      [{ ...ok, tensorIndex: { theta: { offset: 0, length: -5 } } }, 80, /damaged: tensor 'theta' has an invalid offset or length/],
      [{ ...ok, tensorIndex: { theta: { offset: 0, length: 30 } } }, 80, /damaged: tensor 'theta' runs past the end of the file/],
      [null, 0, /damaged: its header is not a JSON object/],
      [{ ...ok, tensorIndex: {} }, 0, /has no parameters/],
      [{ formatVersion: 1, domain: 'generic', tensorIndex: { theta: { offset: 0, length: 20 } } }, 80, /has no network spec/],
    ];
    for (const [header, bytes, message] of cases) {
      writeFileSync(file, forge(header, bytes));
      await expectModelFileError(file, message);
    }
    writeFileSync(file, forge({ ...ok, tensorIndex: { theta: { offset: 0, length: 20 } } }, 80));
    await expect(loadModelFile(file)).resolves.toMatchObject({ spec: SMALL });
  });
});
