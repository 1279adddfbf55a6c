/**
 * A model file that cannot be read or written: missing, not a model, damaged (checksum), from a newer
 * format, or of another domain. The message names the file and the fix.
 */
export class ModelFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}
