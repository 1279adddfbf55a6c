import { createVideo, type VideoTensor } from '../io/VideoTensor.js';
import { putRgb, resolveClipOptions, type ClipOptions } from './ClipOptions.js';
import { smoothstep, ValueNoise } from './ValueNoise.js';

/**
 * Flickering flame-like noise: value-noise turbulence that rises at 2.5 px/frame and changes quickly, shaped by a
 * teardrop envelope that narrows upward from a base at the bottom, through a black-red-orange-yellow colour ramp.
 * Procedural, not simulated.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export function flickeringFlame(options: ClipOptions = {}): VideoTensor {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const noise = new ValueNoise(seed);
  const video = createVideo(3, frames, H, W, fps);
  const plane = W * H;
  for (let t = 0; t < frames; t++) {
    for (let y = 0; y < H; y++) {
      const height = 1 - y / H; // 0 at the bottom, 1 at the top
      for (let x = 0; x < W; x++) {
        const turbulence = noise.fbm(x / 7, (y + 2.5 * t) / 7, t * 0.35, 4);
        const halfWidth = 0.42 * (1 - 0.8 * height);
        const across = Math.abs(x / W - 0.5 + 0.06 * (turbulence - 0.5) * height * 4);
        const envelope = smoothstep(halfWidth, halfWidth * 0.3, across) * smoothstep(1.05, 0.2, height + 0.5 * (turbulence - 0.5));
        const heat = envelope * (0.55 + 0.7 * turbulence);
        putRgb(video.data, frames, plane, t, y * W + x, 1.6 * heat, 1.4 * heat * heat, 0.9 * heat * heat * heat * heat);
      }
    }
  }
  return video;
}
