/** A grid, mask or scale that does not fit the model or the other input; the message names both sizes and the fix. */
export class GridSizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GridSizeError';
  }
}
