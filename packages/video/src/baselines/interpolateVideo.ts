import { cloneVideo, type VideoTensor } from '../io/VideoTensor.js';
import { fullyMissingFrames, type VideoMask } from '../masks/VideoMask.js';
import { assertMaskFits } from '../masks/assertMaskFits.js';
import { gridHarmonicFill, type AxisWeights } from './gridHarmonicFill.js';

/**
 * The classical baseline (`--method interpolate`): occluded pixels of a frame that is partly observed are filled by
 * harmonic (Laplace) interpolation within that frame; frames with every pixel missing are then interpolated linearly
 * in time, pixel by pixel, between the nearest frames before and after that are not wholly missing (copied from the
 * nearest one at the clip's ends).
 * @param video [C, T, H, W] in [0, 1]; values under the mask are ignored.
 * @param mask [T, H, W], 1 = missing.
 * @returns a new clip; observed pixels unchanged.
 * @throws RangeError for a mask of another size or with every pixel missing.
 */
export function interpolateVideo(video: VideoTensor, mask: VideoMask): VideoTensor {
  assertMaskFits(mask, video);
  const out = cloneVideo(video);
  const { frames: T, height: H, width: W, channels: C } = video;
  const plane = H * W;
  const whole = new Set(fullyMissingFrames(mask));
  if (whole.size === T) throw new RangeError('every frame is missing; there is nothing to interpolate from');
  const spatial: AxisWeights = { time: 0, space: 1 };
  for (let c = 0; c < C; c++) {
    const channel = out.data.subarray(c * T * plane, (c + 1) * T * plane);
    for (let t = 0; t < T; t++) {
      if (whole.has(t)) continue;
      const frameMask = mask.data.subarray(t * plane, (t + 1) * plane);
      if (frameMask.some((v) => v !== 0)) gridHarmonicFill(channel.subarray(t * plane, (t + 1) * plane), frameMask, [1, H, W], spatial);
    }
    for (const t of whole) {
      let before = t - 1;
      while (before >= 0 && whole.has(before)) before--;
      let after = t + 1;
      while (after < T && whole.has(after)) after++;
      const frame = channel.subarray(t * plane, (t + 1) * plane);
      if (before < 0) frame.set(channel.subarray(after * plane, (after + 1) * plane));
      else if (after >= T) frame.set(channel.subarray(before * plane, (before + 1) * plane));
      else {
        const a = (t - before) / (after - before);
        for (let p = 0; p < plane; p++) frame[p] = (1 - a) * channel[before * plane + p] + a * channel[after * plane + p];
      }
    }
  }
  return out;
}

/**
 * Space-time harmonic fill: every channel's missing entries solve the anisotropic Laplace equation on the whole
 * [T, H, W] grid with the given neighbour weights. It is the conditional mean of a Gaussian MRF reference alone (the
 * EBM's energy with an untrained network), used as the start of recovery and as a second, stronger baseline.
 * @returns a new clip; observed pixels unchanged.
 */
export function spaceTimeHarmonicFill(video: VideoTensor, mask: VideoMask, weights: AxisWeights): VideoTensor {
  assertMaskFits(mask, video);
  const out = cloneVideo(video);
  const n = video.frames * video.height * video.width;
  for (let c = 0; c < video.channels; c++) gridHarmonicFill(out.data.subarray(c * n, (c + 1) * n), mask.data, [video.frames, video.height, video.width], weights);
  return out;
}
