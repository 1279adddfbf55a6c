import { intOption, numberOption, UsageError, type OptionSpec } from '@ebm/core';
import type { UpAxis } from '../voxelize/fitToGrid.js';

/** `--seed S`: every subcommand is reproducible from it. */
export const SEED_OPTION = { type: 'string', value: 'S', description: 'random seed', default: '0' } as const satisfies OptionSpec;

/** `--threads N`: onnxruntime intra-op threads. */
export const THREADS_OPTION = { type: 'string', value: 'N', description: 'compute threads (default: all cores)' } as const satisfies OptionSpec;

/** `--up y|z`: the up axis of mesh files. */
export const UP_OPTION = { type: 'string', value: 'y|z', description: 'up axis of mesh files (the furniture OBJs: y; ModelNet OFF: z)', default: 'y' } as const satisfies OptionSpec;

/** The parsed `--seed` (a whole number ≥ 0). */
export function seedOption(value: string | undefined): number {
  return intOption('seed', value, 0) ?? 0;
}

/** The parsed `--threads`, undefined for all cores. */
export function threadsOption(value: string | undefined): number | undefined {
  return intOption('threads', value, 1);
}

/** The parsed `--up`. @throws UsageError for anything but y or z */
export function upOption(value: string): UpAxis {
  if (value !== 'y' && value !== 'z') throw new UsageError(`--up ${value} must be y or z`);
  return value;
}

/** The parsed `--threshold` in (0, 1), default ½. */
export function thresholdOption(value: string | undefined): number {
  const t = numberOption('threshold', value, { min: 0, exclusiveMin: true }) ?? 0.5;
  if (t >= 1) throw new UsageError(`--threshold ${value} must be a number between 0 and 1`);
  return t;
}

/** Text for --help: what float32 .npy outputs hold. */
export const OCCUPANCY_NOTE = 'A .npy output holds float32 occupancies in [0, 1] at the model\'s resolution (threshold them, e.g. at 0.5); .binvox and .vox hold the voxels ≥ 0.5, one file per grid (name-0, name-1, …).';
