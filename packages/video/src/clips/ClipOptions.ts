/** Size, length, rate and seed of a generated clip. */
export interface ClipOptions {
  /** Frames T; default 24. */
  frames?: number;
  /** Frame width, pixels; default 64. */
  width?: number;
  /** Frame height, pixels; default 48. */
  height?: number;
  /** Frames per second; default 12. */
  fps?: number;
  /** Seed of every random choice; default 1. */
  seed?: number;
}

/** {@link ClipOptions} with defaults applied. */
export type ResolvedClipOptions = Required<ClipOptions>;

/** Defaults of generated clips: 24 frames of 64×48 at 12 fps, seed 1 (the size the quality tables use). */
export const CLIP_DEFAULTS: Readonly<ResolvedClipOptions> = Object.freeze({ frames: 24, width: 64, height: 48, fps: 12, seed: 1 });

/** Options with defaults, checked. */
export function resolveClipOptions(o: ClipOptions = {}): ResolvedClipOptions {
  const r = { ...CLIP_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as ResolvedClipOptions;
  for (const k of ['frames', 'width', 'height'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 1) throw new RangeError(`clip ${k} must be a whole number ≥ 1, got ${r[k]}`);
  }
  if (!(r.fps > 0)) throw new RangeError(`clip fps must be > 0, got ${r.fps}`);
  return r;
}

/** Writes RGB colour (each in [0, 1], clamped) of pixel p of frame t into a [3, T, H, W] array. */
export function putRgb(data: Float32Array, frames: number, plane: number, t: number, p: number, r: number, g: number, b: number): void {
  const stride = frames * plane;
  const i = t * plane + p;
  data[i] = clamp01(r);
  data[stride + i] = clamp01(g);
  data[2 * stride + i] = clamp01(b);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
