import type { Constraint } from '@ebm/core';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * A constraint that keeps every value of chain states [N, C, T, H, W] (network units, [−1, 1]) inside its channel's
 * range over the observed pixels: a recovered pixel may not be brighter or darker in any channel than what the clip
 * shows, which keeps an imperfect model from running off inside large holes.
 * @param video [C, T, H, W] in [0, 1]; mask [T, H, W], 1 = missing.
 */
export function observedRange(video: VideoTensor, mask: VideoMask): Constraint {
  const n = video.frames * video.height * video.width;
  const lo = new Float32Array(video.channels).fill(Infinity);
  const hi = new Float32Array(video.channels).fill(-Infinity);
  for (let c = 0; c < video.channels; c++) {
    for (let i = 0; i < n; i++) {
      if (mask.data[i]) continue;
      const v = 2 * video.data[c * n + i] - 1;
      if (v < lo[c]) lo[c] = v;
      if (v > hi[c]) hi[c] = v;
    }
  }
  const D = video.channels * n;
  return {
    apply(x: Float32Array): void {
      for (let i = 0; i < x.length; i++) {
        const c = Math.floor((i % D) / n);
        const v = x[i];
        x[i] = v < lo[c] ? lo[c] : v > hi[c] ? hi[c] : v;
      }
    },
  };
}
