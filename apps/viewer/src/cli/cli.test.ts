import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, REPO_ROOT, runCli } from '../../../../testing/cliProcess.js';
import { assertAppBuilt } from '../testing/builtApp.js';
import { CHROMIUM_TEST_FLAGS } from '../testing/chromium.js';
import { gridFrom, writeGrid } from '../testing/grids.js';
import { commandLine, eventually, processesWith } from '../testing/processes.js';
import { rawRequest } from '../testing/rawHttp.js';

/**
 * `ebm-viewer` as users run it, a separate process: the address on stdout as soon as it listens, exactly the given
 * files served, a clean stop on SIGTERM and SIGINT (Ctrl-C) and when its window closes, a Chromium --app window
 * (headless here) showing the files, one-line errors, and no process or profile folder left behind.
 */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
let grid: string;
const started: ChildProcess[] = [];
/** Chromium main processes the tests saw, killed (with their groups) if a failed test left them. */
const windows: number[] = [];

beforeAll(() => {
  assertAppBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-cli-'));
  grid = path.join(dir, 'cube.npy');
  writeGrid(grid, gridFrom(6, 6, 6, (d, h, w) => (d > 0 && d < 5 && h < 3 && w > 1 ? 1 : 0)));
  writeFileSync(path.join(dir, 'notes.txt'), 'not a grid');
});

afterAll(async () => {
  // A test that failed half-way may leave its viewer running: stop it as a user would, then for sure.
  for (const p of started) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exitOf(p);
    clearTimeout(timer);
  }
  for (const pid of windows) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `ebm-viewer args…` and resolves with the process and the first line it prints on stdout. */
function startViewer(args: string[], env: Record<string, string> = {}): Promise<{ p: ChildProcess; url: string; stderr: () => string }> {
  const p = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(p);
  let stderr = '';
  p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ p, url: out.slice(0, nl), stderr: () => stderr });
    });
    p.on('exit', (code) => reject(new Error(`ebm-viewer exited (${code}) before printing its address: ${stderr}`)));
  });
}

function exitOf(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve({ code: p.exitCode, signal: p.signalCode });
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(true));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('ebm-viewer: usage and errors', () => {
  it('--help explains the command, its files and options', async () => {
    const r = await runCli(MAIN, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ebm-viewer [files…] [options]');
    for (const s of ['--port <P>', '--no-open', '.binvox', '.onnx', '127.0.0.1', 'Chromium --app']) expect(r.stdout).toContain(s);
  });

  it('refuses an unknown file type, a missing file and a bad port with one line', async () => {
    const [txt, missing, port] = await Promise.all([
      runCli(MAIN, [path.join(dir, 'notes.txt'), '--no-open']),
      runCli(MAIN, [path.join(dir, 'missing.npy'), '--no-open']),
      runCli(MAIN, [grid, '--port', 'eighty', '--no-open']),
    ]);
    expectOneLineError(txt, 'ebm-viewer', 2, "notes.txt: the viewer cannot show '.txt' files");
    expectOneLineError(missing, 'ebm-viewer', 1, `${path.join(dir, 'missing.npy')} does not exist`);
    expectOneLineError(port, 'ebm-viewer', 2, '--port eighty must be a whole number');
  });

  it('says so when the port is taken', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    const r = await runCli(MAIN, [grid, '--port', String(port), '--no-open']);
    blocker.close();
    expectOneLineError(r, 'ebm-viewer', 1, `port ${port} on 127.0.0.1 is in use; pick another --port, or 0 for any free one`);
  });
});

describe('ebm-viewer: serving and stopping', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints its address, serves exactly the given file, and stops cleanly on ${signal}`, async () => {
      const { p, url } = await startViewer([grid, '--no-open']);
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/$/.exec(url);
      expect(m, url).not.toBeNull();
      const port = Number(m![1]);
      const list = JSON.parse((await rawRequest(port, '/api/files')).body.toString());
      expect(list.map((f: { name: string }) => f.name)).toEqual(['cube.npy']);
      expect((await rawRequest(port, list[0].url)).status).toBe(200);
      expect((await rawRequest(port, '/files/0/notes.txt')).status).toBe(404);
      expect((await rawRequest(port, '/')).body.toString()).toContain('<title>ebm-viewer</title>');
      p.kill(signal);
      expect(await exitOf(p)).toEqual({ code: 0, signal: null });
      expect(await refused(port)).toBe(true);
    });
  }
});

describe('ebm-viewer: the window', () => {
  it('opens Chromium --app on its address showing the files; SIGTERM closes it and leaves nothing behind', async () => {
    const cdp = await freePort();
    const flags = [...CHROMIUM_TEST_FLAGS.filter((f) => f !== '--no-sandbox'), '--headless=new', `--remote-debugging-port=${cdp}`].join(' ');
    const { p, url } = await startViewer([grid], { EBM_VIEWER_CHROMIUM_FLAGS: flags });
    const [pid] = await eventually('Chromium --app', () => {
      const pids = processesWith(`--app=${url}`).filter((q) => commandLine(q).some((a) => a === `--app=${url}`));
      return pids.length > 0 ? pids : undefined;
    });
    windows.push(pid);
    const profile = commandLine(pid).find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    expect(existsSync(profile)).toBe(true);
    // The window shows the page with the given file in it.
    const browser = await eventually('the DevTools endpoint', () => chromium.connectOverCDP(`http://127.0.0.1:${cdp}`).catch(() => undefined));
    const page = await eventually('the app page', () => browser.contexts().flatMap((c) => c.pages()).find((pg) => pg.url() === url));
    await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
    expect(await page.locator('.tile').getAttribute('data-name')).toBe('cube.npy');
    await browser.close().catch(() => undefined);
    p.kill('SIGTERM');
    expect((await exitOf(p)).code).toBe(0);
    expect(processesWith(`--app=${url}`)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });

  it('closing the window stops the server', async () => {
    const cdp = await freePort();
    const flags = [...CHROMIUM_TEST_FLAGS.filter((f) => f !== '--no-sandbox'), '--headless=new', `--remote-debugging-port=${cdp}`].join(' ');
    const { p, url, stderr } = await startViewer([grid], { EBM_VIEWER_CHROMIUM_FLAGS: flags });
    const port = Number(new URL(url).port);
    windows.push(...(await eventually('Chromium --app', () => {
      const pids = processesWith(`--app=${url}`);
      return pids.length > 0 ? pids : undefined;
    })));
    const browser = await eventually('the DevTools endpoint', () => chromium.connectOverCDP(`http://127.0.0.1:${cdp}`).catch(() => undefined));
    // Browser.close over DevTools is what closing the last window does: Chromium exits normally.
    const session = await browser.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => undefined);
    expect((await exitOf(p)).code).toBe(0);
    expect(stderr()).toContain('window closed; stopped');
    expect(await refused(port)).toBe(true);
    expect(processesWith(`--app=${url}`)).toEqual([]);
  });
});
