import { createVideo, type VideoTensor } from './VideoTensor.js';

/** How clip values [0, 1] map to network values: x = 2v − 1 ([−1, 1]), stored in model files. */
export const VIDEO_NORMALISATION = Object.freeze({ kind: 'symmetric' as const });

/** A clip [C, T, H, W] in [0, 1] → network values [C, T, H, W] in [−1, 1]. */
export function normaliseVideo(video: VideoTensor): Float32Array {
  const out = new Float32Array(video.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 2 * video.data[i] - 1;
  return out;
}

/**
 * Network values [C, T, H, W] → a clip in [0, 1] (clamped) with the shape of `like`.
 * @param x [C, T, H, W] network units.
 */
export function denormaliseVideo(x: Float32Array, like: Pick<VideoTensor, 'channels' | 'frames' | 'height' | 'width' | 'fps'>): VideoTensor {
  const out = createVideo(like.channels, like.frames, like.height, like.width, like.fps);
  for (let i = 0; i < out.data.length; i++) {
    const v = 0.5 * (x[i] + 1);
    out.data[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}
