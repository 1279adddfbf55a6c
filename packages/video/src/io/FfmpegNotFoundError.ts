/** No usable ffmpeg/ffprobe: not on PATH and the npm binaries are missing; the message says how to get one. */
export class FfmpegNotFoundError extends Error {
  override name = 'FfmpegNotFoundError';
}
