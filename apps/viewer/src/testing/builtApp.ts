// Test harness: the browser tests drive the built page (dist/app), so they refuse to run against a stale build.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { APP_DIR, checkAppBuilt } from '../server/appDir.js';

const WEB_SRC = path.join(APP_DIR, '..', '..', 'src', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * @throws Error saying how to rebuild when dist/app is missing or older than a file of src/web
 */
export function assertAppBuilt(): void {
  checkAppBuilt(APP_DIR);
  const built = statSync(path.join(APP_DIR, 'index.html')).mtimeMs;
  if (newestMtime(WEB_SRC) > built) {
    throw new Error('apps/viewer/dist/app is older than src/web; run: pnpm --filter @ebm/viewer run build');
  }
}
