import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (apps/viewer), from this file in src/server or dist/server. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built web app (`vite build` output): dist/app of this package. */
export const APP_DIR = path.join(PACKAGE_ROOT, 'dist', 'app');

/** Thrown when the web app has not been built; says how to build it. */
export class AppNotBuiltError extends Error {
  constructor(dir: string) {
    super(`the viewer app is not built (${path.join(dir, 'index.html')} is missing); run: pnpm --filter @ebm/viewer run build`);
    this.name = 'AppNotBuiltError';
  }
}

/** @throws AppNotBuiltError when `dir` has no index.html */
export function checkAppBuilt(dir: string): void {
  if (!existsSync(path.join(dir, 'index.html'))) throw new AppNotBuiltError(dir);
}
