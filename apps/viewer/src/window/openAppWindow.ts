import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium } from './findChromium.js';

/** The window the viewer opened. */
export interface AppWindow {
  /** 'chromium': our own Chromium process in --app mode; 'browser': handed to the default browser. */
  kind: 'chromium' | 'browser';
  /** The program that was started. */
  command: string;
  /** Our Chromium process (kind 'chromium'), whose exit means the window was closed or could not open. */
  process?: ChildProcess;
  /** Closes our Chromium window (its whole process group) and removes its profile folder; nothing for the default browser. */
  close(): Promise<void>;
}

/** Options of {@link openAppWindow}. */
export interface OpenWindowOptions {
  /** Extra Chromium flags (e.g. `--headless=new` in tests, `--force-device-scale-factor=2`). */
  chromiumFlags?: readonly string[];
  /** Chromium executable; default the first found on PATH. */
  chromium?: string;
}

/**
 * Opens `url` as a desktop window: Chromium's `--app` mode (no tabs, no address bar) with a fresh profile, so it is
 * a new browser process of its own that ends when the window closes; else the system's default browser
 * (xdg-open, open, start). Returns undefined when neither exists.
 */
export function openAppWindow(url: string, options: OpenWindowOptions = {}): AppWindow | undefined {
  const chromium = options.chromium ?? findChromium();
  if (chromium) return openChromiumApp(chromium, url, options.chromiumFlags ?? []);
  const opener = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const p = spawn(opener[0], opener.slice(1), { stdio: 'ignore', detached: true });
    p.on('error', () => {}); // no opener installed: the address on stdout is still there
    p.unref();
    return { kind: 'browser', command: opener[0], close: async () => {} };
  } catch {
    return undefined;
  }
}

function openChromiumApp(chromium: string, url: string, flags: readonly string[]): AppWindow {
  const profile = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-profile-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1280,860',
    // Chromium refuses to run as root without it.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...flags,
  ];
  // Its own process group, so closing kills Chromium's helper processes too.
  const child = spawn(chromium, args, { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => {
      rmSync(profile, { recursive: true, force: true });
      resolve();
    });
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    kind: 'chromium',
    command: chromium,
    process: child,
    async close() {
      if (child.pid === undefined) return;
      signalGroup('SIGTERM');
      const killLater = setTimeout(() => signalGroup('SIGKILL'), 3000);
      await exited;
      clearTimeout(killLater);
    },
  };
}
