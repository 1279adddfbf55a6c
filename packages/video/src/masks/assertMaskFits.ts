import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from './VideoMask.js';

/** @throws RangeError when the mask's [T, H, W] is not the clip's. */
export function assertMaskFits(mask: VideoMask, video: Pick<VideoTensor, 'frames' | 'height' | 'width'>): void {
  if (mask.frames !== video.frames || mask.height !== video.height || mask.width !== video.width) {
    throw new RangeError(`mask of ${mask.frames} frames of ${mask.width}x${mask.height} does not fit a clip of ${video.frames} frames of ${video.width}x${video.height}`);
  }
}
