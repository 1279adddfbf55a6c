import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * Mean value of the observed pixels of clips in network units ([−1, 1]: 2v − 1), all channels pooled.
 * @param mask optional [T, H, W], 1 = missing, for every clip.
 */
export function observedMean(clips: readonly VideoTensor[], mask?: VideoMask): number {
  let sum = 0;
  let count = 0;
  for (const clip of clips) {
    const n = clip.frames * clip.height * clip.width;
    for (let i = 0; i < clip.data.length; i++) {
      if (mask && mask.data[i % n]) continue;
      sum += clip.data[i];
      count++;
    }
  }
  return count ? 2 * (sum / count) - 1 : 0;
}
