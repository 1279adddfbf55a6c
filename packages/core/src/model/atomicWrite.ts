import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `data` to `target` so that a crash at any moment leaves either the old file or the new one,
 * never a mixture: write a temp file in the same folder, fsync it, rename it over the target, fsync
 * the folder. Throws (after removing the temp file) when the folder is missing or not writable.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
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
}
