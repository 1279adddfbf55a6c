/**
 * Sampling produced values that are not finite (NaN or ±Infinity). One-line message
 * `<model file>: sampling diverged … (<what to do>)`; nothing is written.
 */
export class SamplingDivergedError extends Error {
  override name = 'SamplingDivergedError';
  /** The model file (or 'model') whose energy was sampled. */
  readonly path: string;
  constructor(path: string, what: string) {
    super(`${path}: sampling diverged, ${what} is not finite (lower --step-size or --steps, or retrain with a lower learning rate)`);
    this.path = path;
  }
}

/**
 * Throws {@link SamplingDivergedError} unless every value of `x` is finite.
 * @param x chain states [N·D], network units.
 */
export function assertFiniteSamples(x: Float32Array, path: string, what = 'the synthesized image'): void {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new SamplingDivergedError(path, `${what} (value ${i} is ${x[i]})`);
}

/**
 * Throws {@link SamplingDivergedError} when the mean energy after a sampler step is not finite, so that a diverging
 * run stops at once (before any progress is shown) rather than after all its steps.
 * @param meanEnergy mean E over the chains after step `step` (0-based).
 */
export function assertFiniteEnergy(meanEnergy: number, step: number, path: string, what = 'the synthesized image'): void {
  if (!Number.isFinite(meanEnergy)) throw new SamplingDivergedError(path, `${what} (its energy after step ${step + 1} is ${meanEnergy})`);
}
