/**
 * An output image that cannot be written (missing folder, values that are not finite).
 * One-line message `<path>: <what is wrong> (<what to do>)`; no partial file is left at `path`.
 */
export class ImageOutputError extends Error {
  override name = 'ImageOutputError';
  /** The file that was to be written. */
  readonly path: string;

  constructor(path: string, problem: string, fix: string) {
    super(`${path}: ${problem} (${fix})`);
    this.path = path;
  }
}
