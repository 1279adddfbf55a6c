/** Sampling produced values that are not finite; one-line message naming the model file and what to do. */
export class SamplingDivergedError extends Error {
  override name = 'SamplingDivergedError';
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`${path}: sampling diverged, ${what} is not finite (lower --step-size or --steps, or retrain with a lower learning rate)`);
  }
}

/** @throws SamplingDivergedError unless every value of x [N·D] is finite. */
export function assertFiniteSamples(x: Float32Array, path: string, what: string): void {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) throw new SamplingDivergedError(path, `${what} (value ${i} is ${x[i]})`);
}
