import path from 'node:path';

/**
 * The outputs of `count` clips: the path itself for one; else numbered beside it: synth.mp4 → synth-1.mp4, …;
 * frames/ → frames-1/, ….
 */
export function numberedOutputs(target: string, count: number): string[] {
  if (count === 1) return [target];
  const folder = target.endsWith('/') || target.endsWith(path.sep);
  const bare = folder ? target.replace(/[/\\]+$/, '') : target;
  const ext = folder ? '' : path.extname(bare);
  const stem = ext ? bare.slice(0, -ext.length) : bare;
  return Array.from({ length: count }, (_, k) => `${stem}-${k + 1}${ext}${folder ? '/' : ''}`);
}
