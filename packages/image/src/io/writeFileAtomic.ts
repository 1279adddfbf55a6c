import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ImageOutputError } from './ImageOutputError.js';

/**
 * Writes `bytes` to `path` atomically: a temp file in the same folder is written, flushed to disk and
 * renamed over `path`, so a reader or a crash sees the old file or the whole new one, never half of it.
 * @throws ImageOutputError when the folder does not exist; the temp file is removed on any failure.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat?.isDirectory()) {
    throw new ImageOutputError(path, `output folder ${folder} does not exist`, 'create the folder or choose another --out');
  }
  // Same folder so that rename stays on one file system and is atomic.
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
