import { Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { ffmpegBinaries } from './ffmpegBinaries.js';

/** Raw pixel layouts exchanged with ffmpeg: bytes per pixel 3, 1 and 4. */
export type RawPixelFormat = 'rgb24' | 'gray' | 'rgba';

/** Bytes per pixel of a raw layout. */
export function bytesPerPixel(format: RawPixelFormat): number {
  return format === 'rgb24' ? 3 : format === 'gray' ? 1 : 4;
}

/** The last informative line of ffmpeg's stderr (its own error text), for one-line messages. */
export function ffmpegReason(err: Error, stderr?: string | null): string {
  const lines = (stderr ?? '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !/^(frame=|Press \[q\]|video:|\[.*\] ?$)/.test(l));
  const last = lines.at(-1) ?? err.message.split('\n')[0];
  return last.replace(/^ffmpeg exited with code \d+: /, '');
}

/** What {@link decodeRaw} reads. */
export interface DecodeRequest {
  /** A file path (or a lavfi graph with `inputFormat: 'lavfi'`). */
  input: string;
  inputFormat?: string;
  inputOptions?: string[];
  /** Video filters applied in order (scale, fps, trim…). */
  filters?: string[];
  /** Stop after this many output frames. */
  maxFrames?: number;
  pixelFormat: RawPixelFormat;
}

/**
 * Decodes video frames to raw bytes [T, H, W, bytesPerPixel] (frame-major, interleaved channels), one output frame
 * per decoded frame unless a filter says otherwise.
 * @throws Error with ffmpeg's own reason when decoding fails (callers name the file).
 */
export function decodeRaw(request: DecodeRequest): Promise<Buffer> {
  ffmpegBinaries();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const cmd = ffmpeg(request.input);
    if (request.inputFormat) cmd.inputFormat(request.inputFormat);
    if (request.inputOptions?.length) cmd.inputOptions(request.inputOptions);
    // -vsync 0: one output frame per decoded frame (no duplicates or drops to a constant rate).
    const out = ['-vsync', '0', '-f', 'rawvideo', '-pix_fmt', request.pixelFormat];
    if (request.maxFrames !== undefined) out.push('-frames:v', String(request.maxFrames));
    cmd.outputOptions(out);
    if (request.filters?.length) cmd.videoFilters(request.filters);
    cmd.noAudio();
    cmd.on('error', (err: Error, _stdout: string | null, stderr: string | null) => reject(new Error(ffmpegReason(err, stderr))));
    const stream = cmd.pipe();
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (err: Error) => reject(err));
  });
}

/** What {@link encodeRaw} writes. */
export interface EncodeRequest {
  /** Raw frames [T, H, W, bytesPerPixel]. */
  frames: Buffer;
  width: number;
  height: number;
  pixelFormat: RawPixelFormat;
  fps: number;
  /** The output file or pattern (e.g. `dir/%04d.png`). */
  output: string;
  outputOptions: string[];
  filterGraph?: string;
}

/**
 * Encodes raw frames to a file with ffmpeg (overwriting it).
 * @throws Error with ffmpeg's own reason when encoding fails.
 */
export function encodeRaw(request: EncodeRequest): Promise<void> {
  ffmpegBinaries();
  return new Promise((resolve, reject) => {
    const cmd = ffmpeg()
      .input(Readable.from([request.frames]))
      .inputFormat('rawvideo')
      .inputOptions(['-pix_fmt', request.pixelFormat, '-s', `${request.width}x${request.height}`, '-r', String(request.fps)]);
    if (request.filterGraph) cmd.complexFilter(request.filterGraph);
    cmd
      .outputOptions(['-y', ...request.outputOptions])
      .output(request.output)
      .on('error', (err: Error, _stdout: string | null, stderr: string | null) => reject(new Error(ffmpegReason(err, stderr))))
      .on('end', () => resolve())
      .run();
  });
}

/** The first video stream of a file as ffprobe reports it. */
export interface ProbedStream {
  width: number;
  height: number;
  /** Frames per second from the stream's average (else nominal) rate; undefined when unknown. */
  fps?: number;
  /** ffmpeg's pixel format name, e.g. 'yuv420p', 'gray', 'rgba', 'pal8'. */
  pixelFormat: string;
  /** Format name(s), e.g. 'mov,mp4,m4a,3gp,3g2,mj2' or 'png_pipe'. */
  format: string;
  /** Frames the container declares (mp4, mov, avi), undefined when it does not say (webm, GIF). */
  declaredFrames?: number;
}

/** A frame rate 'num/den' as a number, undefined when it is 0/0 or unparsable. */
function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [n, d] = rate.split('/').map(Number);
  const v = d === undefined ? n : n / d;
  return Number.isFinite(v) && v > 0 && v < 1000 ? v : undefined;
}

/**
 * Probes a file's first video stream.
 * @throws Error with ffprobe's reason when the file is unreadable or has no video stream.
 */
export function probeVideo(file: string): Promise<ProbedStream> {
  ffmpegBinaries();
  return new Promise((resolve, reject) => {
    ffmpeg.ffprobe(file, (err: Error | null, data: ffmpeg.FfprobeData) => {
      if (err) return reject(new Error(ffmpegReason(err, err.message)));
      const s = data.streams.find((st) => st.codec_type === 'video');
      if (!s || !s.width || !s.height) return reject(new Error('it has no video stream'));
      resolve({
        width: s.width,
        height: s.height,
        fps: parseRate(s.avg_frame_rate) ?? parseRate(s.r_frame_rate),
        pixelFormat: s.pix_fmt ?? 'unknown',
        format: data.format.format_name ?? 'unknown',
        declaredFrames: Number(s.nb_frames) > 0 ? Number(s.nb_frames) : undefined,
      });
    });
  });
}
