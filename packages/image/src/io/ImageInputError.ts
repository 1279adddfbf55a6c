/**
 * An image, mask or folder that cannot be used as input. The message is one line,
 * `<path>: <what is wrong> (<what to do>)`, ready to print as a CLI error.
 */
export class ImageInputError extends Error {
  override name = 'ImageInputError';
  /** The file or folder at fault, as given by the caller. */
  readonly path: string;

  constructor(path: string, problem: string, fix: string) {
    super(`${path}: ${problem} (${fix})`);
    this.path = path;
  }
}
