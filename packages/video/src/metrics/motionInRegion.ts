import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * How much a region moves: the RMS of frame-to-frame differences x(t+1) − x(t) over the pixels missing in both frames
 * (all channels), [0, 1] units. Comparing a fill's value with the original's in the same region tells whether the fill
 * moves like the surrounding video (ratio near 1) or stands still (ratio near 0).
 */
export function motionInRegion(video: VideoTensor, mask: VideoMask): number {
  const plane = video.height * video.width;
  const n = video.frames * plane;
  let sum = 0;
  let count = 0;
  for (let c = 0; c < video.channels; c++) {
    for (let t = 0; t + 1 < video.frames; t++) {
      for (let p = 0; p < plane; p++) {
        const i = t * plane + p;
        if (!mask.data[i] || !mask.data[i + plane]) continue;
        sum += (video.data[c * n + i + plane] - video.data[c * n + i]) ** 2;
        count++;
      }
    }
  }
  return count ? Math.sqrt(sum / count) : NaN;
}

/**
 * Spatial detail in a region: the RMS of the 4-neighbour Laplacian over missing pixels whose neighbours are inside the
 * frame, all frames and channels ([0, 1] units). A harmonic fill has none; the original's value is the target.
 */
export function detailInRegion(video: VideoTensor, mask: VideoMask): number {
  const { width: W, height: H } = video;
  const plane = W * H;
  const n = video.frames * plane;
  let sum = 0;
  let count = 0;
  for (let c = 0; c < video.channels; c++) {
    for (let t = 0; t < video.frames; t++) {
      for (let y = 1; y < H - 1; y++) {
        for (let x = 1; x < W - 1; x++) {
          const i = t * plane + y * W + x;
          if (!mask.data[i]) continue;
          const o = c * n + i;
          const d = video.data;
          sum += (d[o - 1] + d[o + 1] + d[o - W] + d[o + W] - 4 * d[o]) ** 2;
          count++;
        }
      }
    }
  }
  return count ? Math.sqrt(sum / count) : NaN;
}
