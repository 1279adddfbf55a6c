import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Whether `target` names a frame folder: it ends in '/' (or the platform separator) or is an existing folder. */
export async function isFrameFolderPath(target: string): Promise<boolean> {
  if (target.endsWith('/') || target.endsWith(path.sep)) return true;
  const st = await stat(target).catch(() => null);
  return Boolean(st?.isDirectory());
}

/** The frame number of a PNG file name: its last run of digits, e.g. 'frame_0012.png' → 12; undefined without one. */
export function frameNumber(name: string): number | undefined {
  if (!/\.png$/i.test(name)) return undefined;
  const runs = name.slice(0, -4).match(/\d+/g);
  return runs ? Number(runs[runs.length - 1]) : undefined;
}

/**
 * The numbered PNG frames of a folder, in frame-number order (then by name), as absolute paths. Files without a
 * number or not ending in .png are ignored.
 */
export async function listFrameFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder);
  return names
    .map((name) => ({ name, n: frameNumber(name) }))
    .filter((e): e is { name: string; n: number } => e.n !== undefined)
    .sort((a, b) => a.n - b.n || a.name.localeCompare(b.name))
    .map((e) => path.resolve(folder, e.name));
}

/** The file name of frame `index` (0-based) in an output folder: 0001.png, 0002.png, … */
export function frameFileName(index: number): string {
  return `${String(index + 1).padStart(4, '0')}.png`;
}
