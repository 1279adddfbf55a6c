import { createVideo, type VideoTensor } from './VideoTensor.js';

/** Options of {@link composeFrameStrip}. */
export interface FrameStripOptions {
  /** 0-based frames to show, the same for every row; default every frame. */
  frames?: readonly number[];
  /** Gap between frames and rows and around the strip, pixels; default 2. */
  gap?: number;
  /** Integer upscaling (nearest neighbour) so small frames are visible; default 1. */
  scale?: number;
  /** Grey level of the gaps, in [0, 1]; default 1 (white). */
  background?: number;
}

/**
 * A sheet of frames: one row per clip (all of the same frame size), the chosen frames left to right, as a
 * one-frame RGB clip (grey rows are shown in grey). Write it with {@link writePng}.
 * @returns [3, 1, H', W'] in [0, 1].
 */
export function composeFrameStrip(rows: readonly VideoTensor[], options: FrameStripOptions = {}): VideoTensor {
  if (rows.length === 0) throw new RangeError('a frame strip needs at least one clip');
  const { width: W, height: H } = rows[0];
  if (rows.some((r) => r.width !== W || r.height !== H)) throw new RangeError('every row of a frame strip needs the same frame size');
  const shown = options.frames ?? Array.from({ length: Math.min(...rows.map((r) => r.frames)) }, (_, i) => i);
  const gap = options.gap ?? 2;
  const s = options.scale ?? 1;
  const outW = gap + shown.length * (W * s + gap);
  const outH = gap + rows.length * (H * s + gap);
  const out = createVideo(3, 1, outH, outW, rows[0].fps);
  out.data.fill(options.background ?? 1);
  const outPlane = outW * outH;
  rows.forEach((row, r) => {
    const plane = W * H;
    shown.forEach((t, k) => {
      if (t < 0 || t >= row.frames) throw new RangeError(`frame ${t + 1} is outside the clip's 1–${row.frames}`);
      for (let y = 0; y < H * s; y++) {
        for (let x = 0; x < W * s; x++) {
          const src = t * plane + Math.floor(y / s) * W + Math.floor(x / s);
          const dst = (gap + r * (H * s + gap) + y) * outW + gap + k * (W * s + gap) + x;
          for (let c = 0; c < 3; c++) out.data[c * outPlane + dst] = row.data[(row.channels === 1 ? 0 : c) * row.frames * plane + src];
        }
      }
    });
  });
  return out;
}
