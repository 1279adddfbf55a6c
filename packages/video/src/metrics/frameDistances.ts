import type { VideoTensor } from '../io/VideoTensor.js';

/** RMS difference between frame `s` of clip a and frame `t` of clip b (same frame size and channels), [0, 1] units. */
export function frameRms(a: VideoTensor, s: number, b: VideoTensor, t: number): number {
  const plane = a.height * a.width;
  let sum = 0;
  for (let c = 0; c < a.channels; c++) {
    const oa = (c * a.frames + s) * plane;
    const ob = (c * b.frames + t) * plane;
    for (let p = 0; p < plane; p++) sum += (a.data[oa + p] - b.data[ob + p]) ** 2;
  }
  return Math.sqrt(sum / (a.channels * plane));
}

/**
 * How close synthesized frames come to copying training frames: for every frame of `synthesized`, the RMS distance to
 * its nearest frame of `training`; returns the smallest of these (0 = some frame is an exact copy) and, for scale,
 * the median distance between consecutive training frames.
 */
export function nearestFrameDistance(synthesized: VideoTensor, training: VideoTensor): { nearest: number; consecutive: number } {
  let nearest = Infinity;
  for (let s = 0; s < synthesized.frames; s++) for (let t = 0; t < training.frames; t++) nearest = Math.min(nearest, frameRms(synthesized, s, training, t));
  const steps = Array.from({ length: training.frames - 1 }, (_, t) => frameRms(training, t, training, t + 1)).sort((x, y) => x - y);
  return { nearest, consecutive: steps[steps.length >> 1] ?? 0 };
}
