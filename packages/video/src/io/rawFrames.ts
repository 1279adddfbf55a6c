import { createVideo, type VideoTensor } from './VideoTensor.js';

/**
 * Raw interleaved bytes [T, H, W, C] (ffmpeg's rgb24 or gray) → a video [C, T, H, W] in [0, 1].
 * @throws RangeError when the byte count is not a whole number of frames.
 */
export function videoFromRaw(bytes: Uint8Array, channels: 1 | 3, width: number, height: number, fps: number): VideoTensor {
  const plane = width * height;
  const frameBytes = plane * channels;
  if (bytes.length % frameBytes !== 0) throw new RangeError(`${bytes.length} bytes are not a whole number of ${width}x${height} frames`);
  const frames = bytes.length / frameBytes;
  const video = createVideo(channels, frames, height, width, fps);
  const { data } = video;
  const channelStride = frames * plane;
  for (let t = 0; t < frames; t++) {
    for (let p = 0; p < plane; p++) {
      const src = (t * plane + p) * channels;
      for (let c = 0; c < channels; c++) data[c * channelStride + t * plane + p] = bytes[src + c] / 255;
    }
  }
  return video;
}

/** A video [C, T, H, W] in [0, 1] → raw interleaved bytes [T, H, W, C], values rounded and clamped to 0…255. */
export function rawFromVideo(video: VideoTensor): Buffer {
  const { channels, frames, data } = video;
  const plane = video.width * video.height;
  const out = Buffer.alloc(frames * plane * channels);
  const channelStride = frames * plane;
  for (let t = 0; t < frames; t++) {
    for (let p = 0; p < plane; p++) {
      const dst = (t * plane + p) * channels;
      for (let c = 0; c < channels; c++) {
        const v = Math.round(data[c * channelStride + t * plane + p] * 255);
        out[dst + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return out;
}
