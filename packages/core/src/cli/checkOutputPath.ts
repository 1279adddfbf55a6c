import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './CommandSpec.js';

/** Fails early (before any long work) when the output's folder does not exist or the path is a folder. */
export async function checkOutputPath(file: string, flag = 'out'): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`--${flag} ${file}: folder ${dir} does not exist (create it first: mkdir -p ${dir})`);
  const target = await fs.stat(file).catch(() => null);
  if (target?.isDirectory()) throw new UsageError(`--${flag} ${file} is a folder; give a file name`);
}
