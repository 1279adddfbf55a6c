/**
 * A video clip in memory: `data` is [C, T, H, W] (channel-major, then frame, row, column), values in [0, 1].
 * With a leading batch axis this is core's [N, C, T, H, W]: time is core's first spatial axis.
 */
export interface VideoTensor {
  /** 1 (grey) or 3 (RGB). */
  readonly channels: 1 | 3;
  /** Number of frames T. */
  readonly frames: number;
  /** Frame height H, pixels. */
  readonly height: number;
  /** Frame width W, pixels. */
  readonly width: number;
  /** Frames per second (playback rate), > 0. */
  readonly fps: number;
  /** [C, T, H, W] in [0, 1]. */
  readonly data: Float32Array;
}

/**
 * A video of the given shape, zero-filled or wrapping `data`.
 * @param data optional [C, T, H, W] in [0, 1]; its length must be C·T·H·W.
 * @throws RangeError for a non-positive size or a data length that does not match.
 */
export function createVideo(channels: 1 | 3, frames: number, height: number, width: number, fps: number, data?: Float32Array): VideoTensor {
  for (const [name, v] of [['frames', frames], ['height', height], ['width', width]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`video ${name} must be a whole number ≥ 1, got ${v}`);
  }
  if (!(fps > 0)) throw new RangeError(`video fps must be > 0, got ${fps}`);
  const size = channels * frames * height * width;
  if (data && data.length !== size) throw new RangeError(`video data has ${data.length} values; ${channels}×${frames}×${height}×${width} needs ${size}`);
  return { channels, frames, height, width, fps, data: data ?? new Float32Array(size) };
}

/** A deep copy of `video` (new data array), optionally with another fps. */
export function cloneVideo(video: VideoTensor, fps = video.fps): VideoTensor {
  return { ...video, fps, data: video.data.slice() };
}

/** Values per frame and channel, H·W. */
export function framePlane(video: Pick<VideoTensor, 'height' | 'width'>): number {
  return video.height * video.width;
}

/** Frames `start` … `start + count − 1` of `video` as a new clip. */
export function sliceFrames(video: VideoTensor, start: number, count: number): VideoTensor {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > video.frames) {
    throw new RangeError(`frames ${start + 1}–${start + count} are outside the clip's 1–${video.frames}`);
  }
  const plane = framePlane(video);
  const out = createVideo(video.channels, count, video.height, video.width, video.fps);
  for (let c = 0; c < video.channels; c++) {
    out.data.set(video.data.subarray((c * video.frames + start) * plane, (c * video.frames + start + count) * plane), c * count * plane);
  }
  return out;
}

/** 'WxH' of a video or frame size, e.g. '64x48'. */
export function sizeLabel(v: Pick<VideoTensor, 'width' | 'height'>): string {
  return `${v.width}x${v.height}`;
}
