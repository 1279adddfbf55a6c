/**
 * A video, mask or frame folder that cannot be read or written; the message names the file and the fix.
 * `file` is the path the user gave.
 */
export class VideoIoError extends Error {
  override name = 'VideoIoError';
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}
