import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Chromium-family browsers that have an `--app` window mode, in the order they are tried. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'] as const;

/**
 * The first Chromium-family executable on PATH (Debian's package installs /usr/bin/chromium), or undefined.
 * @param envPath the PATH to search; default process.env.PATH
 */
export function findChromium(envPath = process.env.PATH ?? ''): string | undefined {
  const dirs = envPath.split(path.delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
