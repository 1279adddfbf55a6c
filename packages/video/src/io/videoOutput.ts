import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isFrameFolderPath } from './frameFolder.js';
import { VideoIoError } from './VideoIoError.js';

/** What a video output path means: a file of one of the written containers, or a PNG frame folder. */
export type VideoOutputKind = 'mp4' | 'webm' | 'gif' | 'folder';

/** The file extensions written, with their kinds. */
export const VIDEO_OUTPUT_EXTENSIONS: Readonly<Record<string, VideoOutputKind>> = { '.mp4': 'mp4', '.webm': 'webm', '.gif': 'gif' };

/**
 * The kind of output `target` names: a folder when it ends in '/' or is an existing folder, else by extension.
 * @throws VideoIoError for another extension.
 */
export async function videoOutputKind(target: string): Promise<VideoOutputKind> {
  if (await isFrameFolderPath(target)) return 'folder';
  const kind = VIDEO_OUTPUT_EXTENSIONS[path.extname(target).toLowerCase()];
  if (!kind) {
    throw new VideoIoError(`${target}: cannot write '${path.extname(target) || 'no extension'}'; give a .mp4, .webm or .gif file, or a folder ending in / for PNG frames`, target);
  }
  return kind;
}

/**
 * Checks an output path before any long work: its parent folder exists; a frame folder is absent or empty.
 * @throws VideoIoError naming the path and the fix.
 */
export async function checkVideoOutput(target: string): Promise<VideoOutputKind> {
  const kind = await videoOutputKind(target);
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  const parentStat = await stat(parent).catch(() => null);
  if (!parentStat?.isDirectory()) throw new VideoIoError(`${target}: folder ${parent} does not exist (create it first: mkdir -p ${parent})`, target);
  if (kind === 'folder') {
    const entries = await readdir(resolved).catch(() => null);
    if (entries && entries.length > 0) {
      throw new VideoIoError(`${target}: output folder is not empty (${entries.length} entries); give a new or empty folder so frames are not mixed`, target);
    }
  } else {
    const st = await stat(resolved).catch(() => null);
    if (st?.isDirectory()) throw new VideoIoError(`${target} is a folder; end it with / to write PNG frames into it, or give a file name`, target);
  }
  return kind;
}

/** Creates the parent of a frame folder if needed (never the folder itself). */
export async function ensureParent(target: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(target)), { recursive: true });
}
