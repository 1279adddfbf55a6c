import { intOption, type OptionSpec } from '@ebm/core';

/** `--seed S`: every subcommand is reproducible from it. */
export const SEED_OPTION = { type: 'string', value: 'S', description: 'random seed', default: '0' } as const satisfies OptionSpec;

/** `--threads N`: onnxruntime intra-op threads. */
export const THREADS_OPTION = { type: 'string', value: 'N', description: 'compute threads (default: all cores)' } as const satisfies OptionSpec;

/** The parsed `--seed` (a whole number ≥ 0). */
export function seedOption(value: string | undefined): number {
  return intOption('seed', value, 0) ?? 0;
}

/** The parsed `--threads`, undefined for all cores. */
export function threadsOption(value: string | undefined): number | undefined {
  return intOption('threads', value, 1);
}
