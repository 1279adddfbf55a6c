/**
 * A network spec that cannot be compiled. The message names the layer, the value and the fix, e.g.
 * `layer 2 (conv2d): kernel 5 is larger than its padded input 3 along axis 1; use a smaller kernel or more padding`.
 */
export class SpecError extends Error {
  constructor(
    message: string,
    /** Index of the offending layer, or -1 for the spec as a whole. */
    readonly layer = -1,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}
