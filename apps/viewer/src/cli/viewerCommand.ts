import path from 'node:path';
import { intOption, parseCommand, UsageError } from '@ebm/core';
import { openAppWindow, type AppWindow } from '../window/openAppWindow.js';
import { startViewerServer } from '../server/ViewerServer.js';
import { VIEWER_FILE_TYPES } from '../server/fileTypes.js';

const spec = {
  name: 'ebm-viewer',
  summary:
    'Shows voxel grids (.npy, .binvox, .vox), meshes (.glb, .obj, .stl, .off) and exported energy models (.onnx,\n' +
    'sampled live in the page) in a three.js viewer. Serves the app and exactly the given files on 127.0.0.1,\n' +
    'prints the address on stdout, and opens it as a desktop window (Chromium --app where installed, else the\n' +
    'default browser). Files can also be dropped on the window or opened with its Open button. Ctrl-C stops it;\n' +
    'closing the Chromium window stops it too. EBM_VIEWER_CHROMIUM_FLAGS adds Chromium flags (space-separated).',
  positionals: '[files…]',
  options: {
    port: { type: 'string', value: 'P', description: 'TCP port on 127.0.0.1 (0: any free port)', default: '0' },
    'no-open': { type: 'boolean', description: 'serve and print the address only; open no window' },
  },
  examples: ['ebm-viewer chair.binvox samples.npy', 'ebm-viewer shape.onnx --port 8080 --no-open'],
} as const;

/** `ebm-viewer`: see {@link spec}. Resolves when the server has stopped (Ctrl-C, SIGTERM or the window closed). */
export async function viewerCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const port = intOption('port', o.port, 0)!;
  if (port > 65535) throw new UsageError(`--port ${port} must be at most 65535`);
  for (const f of o._) {
    const ext = path.extname(f).toLowerCase();
    if (!VIEWER_FILE_TYPES.includes(ext as (typeof VIEWER_FILE_TYPES)[number])) {
      throw new UsageError(`${f}: the viewer cannot show '${ext || 'no extension'}' files (it opens ${VIEWER_FILE_TYPES.join(', ')})`);
    }
  }
  const server = await startViewerServer({ files: o._, port }).catch((e: Error & { code?: string }) => {
    if (e.code === 'EADDRINUSE') throw new Error(`port ${port} on 127.0.0.1 is in use; pick another --port, or 0 for any free one`);
    throw e;
  });
  process.stdout.write(`${server.url}\n`);

  let window: AppWindow | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await window?.close();
      await server.close();
    })());
  const done = new Promise<void>((resolve) => {
    const onSignal = (): void => void stop().then(resolve);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (!o['no-open']) {
      const flags = (process.env.EBM_VIEWER_CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);
      window = openAppWindow(server.url, { chromiumFlags: flags });
      if (!window) process.stderr.write(`ebm-viewer: no browser found to open a window; open ${server.url} in a browser\n`);
      window?.process?.once('exit', (code) => {
        if (stopping) return;
        if (code === 0) {
          process.stderr.write('ebm-viewer: window closed; stopped\n');
          void stop().then(resolve);
        } else {
          process.stderr.write(`ebm-viewer: Chromium could not open a window (exit code ${code}); open ${server.url} in a browser (Ctrl-C stops)\n`);
        }
      });
    }
  });
  await done;
}
