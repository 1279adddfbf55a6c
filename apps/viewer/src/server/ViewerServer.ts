import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_DIR, checkAppBuilt } from './appDir.js';
import { contentType } from './contentType.js';
import { ortFileTable } from './ortFiles.js';
import { ServedFiles, type ServedFile } from './ServedFiles.js';
import { resolveStaticPath, type PathRefusal } from './staticPath.js';

/** The only address the viewer listens on: loopback, never another interface. */
export const VIEWER_HOST = '127.0.0.1';

/** What the page reads to learn which files the command line gave. */
export const FILE_LIST_PATH = '/api/files';

/** Options of {@link startViewerServer}. */
export interface ViewerServerOptions {
  /** Files to serve to the page (and nothing else from the file system besides the app). */
  files?: readonly string[];
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The built web app; default this package's dist/app. */
  appDir?: string;
}

/** A running viewer server. */
export interface ViewerServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** The served files as the page lists them. */
  files: readonly ServedFile[];
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

const REFUSAL_STATUS: Record<PathRefusal, number> = { forbidden: 403, missing: 404 };

/**
 * Headers on every answer: no sniffing; cross-origin isolation so onnxruntime-web may use wasm threads; a content
 * security policy that lets the page run only its own scripts (plus WebAssembly) and talk only to this server.
 */
const COMMON_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; worker-src 'self' blob:; " +
    "connect-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * Serves the viewer on 127.0.0.1: the built app, `/api/files` (the list of given files), each given file under
 * its own fixed URL, and onnxruntime-web's files under /ort/. Everything else is refused: paths that leave the
 * app folder (`..`, encoded or doubly encoded separators and dots, symlinks leading out) get 403, unknown ones
 * 404; only GET and HEAD; a Host header other than 127.0.0.1 or localhost with this port gets 403 (DNS rebinding).
 * @throws Error naming a given file that is missing or a folder; AppNotBuiltError without a built app
 */
export async function startViewerServer(options: ViewerServerOptions = {}): Promise<ViewerServer> {
  const appDir = options.appDir ?? APP_DIR;
  checkAppBuilt(appDir);
  const served = await ServedFiles.of(options.files ?? []);
  const ort = ortFileTable();
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed');
    }
    const host = req.headers.host ?? '';
    if (host !== `${VIEWER_HOST}:${port}` && host !== `localhost:${port}`) return send(res, 403, 'forbidden host');
    const target = req.url ?? '';
    const q = target.indexOf('?');
    const urlPath = q < 0 ? target : target.slice(0, q);
    if (urlPath === FILE_LIST_PATH) return sendJson(res, served.list);
    const given = served.lookup(urlPath) ?? ort.get(urlPath);
    if (given) return sendFile(req, res, given);
    const r = await resolveStaticPath(appDir, urlPath);
    if ('refused' in r) return send(res, REFUSAL_STATUS[r.refused], r.refused === 'missing' ? 'not found' : 'forbidden');
    return sendFile(req, res, r.file);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, VIEWER_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${VIEWER_HOST}:${port}/`,
    port,
    files: served.list,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: http.ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string): Promise<void> {
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) return send(res, 404, 'not found');
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': contentType(file), 'Content-Length': st.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
