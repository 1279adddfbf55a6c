/**
 * A sampler, constraint or chain start that cannot run as asked. The message names the sizes involved and
 * the fix, e.g. `energy returned 7 values for 64 inputs; 64 is not a whole number of samples (check the batch size)`.
 */
export class SamplerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SamplerError';
  }
}
