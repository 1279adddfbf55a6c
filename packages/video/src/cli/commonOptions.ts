import { intOption, numberOption, UsageError, type OptionSpec } from '@ebm/core';
import type { ReadVideoOptions } from '../io/readVideo.js';

/** `--seed S`: every subcommand is reproducible from it. */
export const SEED_OPTION = { type: 'string', value: 'S', description: 'random seed', default: '0' } as const satisfies OptionSpec;

/** `--threads N`: onnxruntime intra-op threads. */
export const THREADS_OPTION = { type: 'string', value: 'N', description: 'compute threads (default: all cores)' } as const satisfies OptionSpec;

/** The options that pick what of an input clip is read. */
export const CLIP_READ_OPTIONS = {
  size: { type: 'string', value: 'WxH', description: 'scale frames to W×H (aspect kept, centre-cropped); default: as the input' },
  frames: { type: 'string', value: 'T', description: 'read T frames; default: all' },
  start: { type: 'string', value: 'S', description: 'first frame to read, 1-based', default: '1' },
  fps: { type: 'string', value: 'R', description: 'resample to R frames per second; default: keep every frame' },
} as const satisfies Record<string, OptionSpec>;

/** The parsed `--seed` (a whole number ≥ 0). */
export function seedOption(value: string | undefined): number {
  return intOption('seed', value, 0) ?? 0;
}

/** The parsed `--threads`, undefined for all cores. */
export function threadsOption(value: string | undefined): number | undefined {
  return intOption('threads', value, 1);
}

/**
 * Parses `--<name> WxH` (e.g. 64x48).
 * @throws UsageError naming the flag and the form.
 */
export function sizeOption(name: string, value: string | undefined): { width: number; height: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  const width = m ? Number(m[1]) : NaN;
  const height = m ? Number(m[2]) : NaN;
  if (!m || width < 1 || height < 1) throw new UsageError(`--${name} ${value} is not a size; write it as WxH, e.g. 64x48`);
  return { width, height };
}

/** What to read of the input clip, from --size, --frames, --start, --fps (each may be absent). */
export function readOptions(o: { size?: string; frames?: string; start?: string; fps?: string }): ReadVideoOptions {
  const start = (intOption('start', o.start, 1) ?? 1) - 1;
  return {
    size: sizeOption('size', o.size),
    frames: intOption('frames', o.frames, 1),
    start: start > 0 ? start : undefined,
    fps: numberOption('fps', o.fps, { min: 0, exclusiveMin: true }),
  };
}
