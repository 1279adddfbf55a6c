/**
 * Which pixels of a clip are missing: `data` is [T, H, W], 1 = missing, 0 = observed, the same for every channel.
 */
export interface VideoMask {
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  /** [T, H, W], 1 = missing. */
  readonly data: Uint8Array;
}

/** An all-observed mask of the given size. */
export function emptyMask(frames: number, height: number, width: number): VideoMask {
  return { frames, height, width, data: new Uint8Array(frames * height * width) };
}

/** Number of missing pixels (per channel). */
export function countMissing(mask: VideoMask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i] ? 1 : 0;
  return n;
}

/** The 0-based frames in which every pixel is missing. */
export function fullyMissingFrames(mask: VideoMask): number[] {
  const plane = mask.width * mask.height;
  const out: number[] = [];
  for (let t = 0; t < mask.frames; t++) {
    let all = true;
    for (let p = 0; p < plane && all; p++) all = mask.data[t * plane + p] !== 0;
    if (all) out.push(t);
  }
  return out;
}

/**
 * The observed-entry indicator for core's observedMask over a clip [C, T, H, W]: 1 = observed, 0 = missing.
 * @returns [C, T, H, W] of 0/1.
 */
export function observedIndicator(mask: VideoMask, channels: number): Uint8Array {
  const n = mask.data.length;
  const out = new Uint8Array(channels * n);
  for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) out[c * n + i] = mask.data[i] ? 0 : 1;
  return out;
}

/** The union of two masks of the same size (missing in either). */
export function unionMask(a: VideoMask, b: VideoMask): VideoMask {
  if (a.data.length !== b.data.length) throw new RangeError('masks of different sizes cannot be combined');
  const data = new Uint8Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i] || b.data[i] ? 1 : 0;
  return { ...a, data };
}
