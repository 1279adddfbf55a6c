import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/rawHttp.js';
import { startViewerServer, type ViewerServer } from './ViewerServer.js';

/**
 * The server shows the app and exactly the given files, on 127.0.0.1 only. Every way out of the app folder that
 * a request can spell (dot segments plain, percent-encoded, doubly encoded, with encoded or back slashes, overlong
 * UTF-8, absolute paths, absolute-form targets, symlinks that lead out) gets 403 or 404 and none of the content.
 */

const SECRET = 'SECRET-6f1d2c outside the app';
const SECRET2 = 'SECRET-9a7b3e in a folder outside';
const SIBLING = 'SIBLING-4c8e not given on the command line';
const APP_INDEX = '<!doctype html><title>APP-INDEX-7d21</title>';

let root: string;
let server: ViewerServer;
let given: Buffer;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-server-'));
  const app = path.join(root, 'app');
  mkdirSync(path.join(app, 'assets'), { recursive: true });
  writeFileSync(path.join(app, 'index.html'), APP_INDEX);
  writeFileSync(path.join(app, 'assets', 'main.js'), 'console.log("APP-JS")');
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside', 'secret2.txt'), SECRET2);
  symlinkSync(path.join(root, 'secret.txt'), path.join(app, 'link-out.txt'));
  symlinkSync(path.join(root, 'outside'), path.join(app, 'dir-out'));
  symlinkSync(path.join(app, 'assets', 'main.js'), path.join(app, 'link-in.js'));
  mkdirSync(path.join(root, 'data'));
  given = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256));
  writeFileSync(path.join(root, 'data', 'given grid.npy'), given);
  writeFileSync(path.join(root, 'data', 'sibling.npy'), SIBLING);
  server = await startViewerServer({ appDir: app, files: [path.join(root, 'data', 'given grid.npy')] });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The body must hold none of the content that lives outside the app or was not given. */
function expectNoLeak(body: Buffer, target: string): void {
  const text = body.toString('latin1');
  for (const marker of [SECRET, SECRET2, SIBLING, 'root:x:0:0']) expect(text, `${target} leaked`).not.toContain(marker);
  expect(body.includes(given), `${target} leaked the given file`).toBe(false);
}

describe('ViewerServer: what it serves', () => {
  it('listens on 127.0.0.1 only and prints that address', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    // Not on IPv6 loopback: the socket is bound to 127.0.0.1 alone.
    const v6 = await new Promise<string>((resolve) => {
      const s = net.connect({ host: '::1', port: server.port });
      s.on('connect', () => (s.destroy(), resolve('connected')));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(v6).not.toBe('connected');
  });

  it('serves the app, links inside it, the file list and each given file byte for byte', async () => {
    const index = await rawRequest(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.body.toString()).toBe(APP_INDEX);
    expect((await rawRequest(server.port, '/assets/main.js')).body.toString()).toContain('APP-JS');
    expect((await rawRequest(server.port, '/link-in.js')).status).toBe(200);
    const list = JSON.parse((await rawRequest(server.port, '/api/files')).body.toString());
    expect(list).toEqual([{ name: 'given grid.npy', url: '/files/0/given%20grid.npy', bytes: given.length }]);
    const file = await rawRequest(server.port, list[0].url);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body, given)).toBe(0);
    expect(file.headers['content-type']).toBe('application/octet-stream');
  });

  it("serves onnxruntime-web's wasm files from node_modules, as application/wasm", async () => {
    const wasm = await rawRequest(server.port, '/ort/ort-wasm-simd-threaded.wasm', { method: 'HEAD' });
    expect(wasm.status).toBe(200);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(Number(wasm.headers['content-length'])).toBeGreaterThan(1_000_000);
    const mjs = await rawRequest(server.port, '/ort/ort.wasm.min.mjs');
    expect(mjs.status).toBe(200);
    expect(mjs.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(mjs.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it('answers only GET and HEAD, and only to a loopback Host (no DNS rebinding)', async () => {
    expect((await rawRequest(server.port, '/', { method: 'POST' })).status).toBe(405);
    expect((await rawRequest(server.port, '/', { method: 'PUT' })).status).toBe(405);
    const rebound = await rawRequest(server.port, '/api/files', { host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body.toString()).not.toContain('given');
    expect((await rawRequest(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });
});

describe('ViewerServer: traversal attempts get 403 or 404 and no content', () => {
  const ATTEMPTS: [string, string][] = [
    ['dot-dot', '/../secret.txt'],
    ['dot-dot below a folder', '/assets/../../secret.txt'],
    ['dot-dot that stays inside', '/assets/../index.html'],
    ['single dot', '/./index.html'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded dots, upper case', '/%2E%2E/secret.txt'],
    ['half-encoded dots', '/.%2e/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['encoded dots and slash', '/%2e%2e%2fsecret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['raw backslash', '/..\\secret.txt'],
    ['double-encoded dots', '/%252e%252e/secret.txt'],
    ['double-encoded dots and slash', '/%252e%252e%252fsecret.txt'],
    ['double-encoded slash', '/..%252fsecret.txt'],
    ['overlong UTF-8 dots', '/%c0%ae%c0%ae/secret.txt'],
    ['encoded NUL', '/index.html%00.png'],
    ['empty segment (absolute path)', '//etc/passwd'],
    ['encoded absolute path', '/%2fetc%2fpasswd'],
    ['absolute path', '/etc/passwd'],
    ['absolute path of the secret', `/${'ROOT'}/secret.txt`],
    ['absolute-form target', 'http://127.0.0.1/../secret.txt'],
    ['symlink to a file outside', '/link-out.txt'],
    ['symlink to a folder outside', '/dir-out/secret2.txt'],
    ['dot-dot after a given file', '/files/0/given%20grid.npy/../sibling.npy'],
    ['dot-dot in the files route', '/files/0/../../secret.txt'],
    ['a sibling of a given file', '/files/0/sibling.npy'],
    ['an index that was not given', '/files/1/sibling.npy'],
    ['the given file, encoded differently', '/files/0/given%20grid%2Enpy'],
    ['the given file, spelled with +', '/files/0/given+grid.npy'],
    ['dot-dot in the ort route', '/ort/../package.json'],
    ['encoded dot-dot in the ort route', '/ort/%2e%2e/package.json'],
    ['an ort file not in the table', '/ort/ort.all.min.mjs'],
  ];

  it.each(ATTEMPTS)('%s: %s', async (_, attempt) => {
    const target = attempt.replace('/ROOT', root);
    const r = await rawRequest(server.port, target);
    if (target === '/assets/../index.html' || target === '/./index.html') {
      // Dot segments are refused outright, even when they would stay inside.
      expect(r.status).toBe(403);
    } else {
      expect([403, 404], `${target} → ${r.status}`).toContain(r.status);
    }
    expectNoLeak(r.body, target);
    expect(r.body.toString()).not.toContain('APP-INDEX');
  });

  it("a target without a leading slash is refused by Node's HTTP parser (400) before any lookup", async () => {
    const r = await rawRequest(server.port, 'secret.txt');
    expect(r.status).toBe(400);
    expectNoLeak(r.body, 'secret.txt');
  });

  it('the secrets exist where the attempts point (the refusals are not for a missing file)', () => {
    expect(readFileSync(path.join(root, 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(readFileSync(path.join(root, 'app', 'link-out.txt'), 'utf8')).toBe(SECRET);
    expect(readFileSync(path.join(root, 'app', 'dir-out', 'secret2.txt'), 'utf8')).toBe(SECRET2);
  });
});

describe('startViewerServer: bad arguments', () => {
  it('names a given file that is missing or a folder, and an unbuilt app', async () => {
    await expect(startViewerServer({ appDir: path.join(root, 'app'), files: [path.join(root, 'nope.npy')] })).rejects.toThrow(`${path.join(root, 'nope.npy')} does not exist`);
    await expect(startViewerServer({ appDir: path.join(root, 'app'), files: [path.join(root, 'data')] })).rejects.toThrow('is not a file');
    await expect(startViewerServer({ appDir: path.join(root, 'data') })).rejects.toThrow('the viewer app is not built');
  });
});
