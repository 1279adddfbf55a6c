import fs from 'node:fs/promises';
import path from 'node:path';

/** Distinguishes temp files of one process written within the same millisecond. */
let writeCount = 0;

/**
 * Writes `data` to `target` so that a crash at any moment leaves either the old file or the new one,
 * never a mixture: write a temp file in the same folder, fsync it, rename it over the target, fsync
 * the folder. Throws (after removing the temp file) when the folder is missing or not writable.
 *
 * The temp file is `.<name>.<pid>.<stamp>.tmp`; a writer killed mid-write leaves one behind, and the next
 * successful write of the same target removes those whose process is gone.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const base = path.basename(target);
  const stamp = `${Date.now().toString(36)}${(writeCount++).toString(36)}`;
  const tmp = path.join(dir, `.${base}.${process.pid}.${stamp}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => {});
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    const d = await fs.open(dir, 'r');
    await d.sync().catch(() => {});
    await d.close();
  } catch {
    // Some file systems do not allow opening a folder; the rename is still atomic.
  }
  await removeStaleTempFiles(dir, base);
}

/** Removes `.<base>.<pid>.*.tmp` files left in `dir` by writers that were killed (their process no longer exists). */
async function removeStaleTempFiles(dir: string, base: string): Promise<void> {
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.[0-9a-z]+\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processExists(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => {});
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
