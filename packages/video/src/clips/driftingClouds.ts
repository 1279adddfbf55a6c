import { createVideo, type VideoTensor } from '../io/VideoTensor.js';
import { putRgb, resolveClipOptions, type ClipOptions } from './ClipOptions.js';
import { smoothstep, ValueNoise } from './ValueNoise.js';

/**
 * Clouds drifting across a blue sky: five octaves of 3D value noise (fractal Brownian motion) in (x − v·t, y, t·ε),
 * so the pattern translates at 0.9 px/frame and slowly changes shape; cloud cover is a smooth threshold of the noise,
 * the undersides are shaded by the noise a little above each pixel (toward the sun). Procedural, not simulated.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export function driftingClouds(options: ClipOptions = {}): VideoTensor {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const noise = new ValueNoise(seed);
  const video = createVideo(3, frames, H, W, fps);
  const plane = W * H;
  const scale = 1 / 14;
  for (let t = 0; t < frames; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const sx = (x - 0.9 * t) * scale;
        const sy = y * scale * 1.6;
        const n = noise.fbm(sx, sy, t * 0.04, 5);
        const above = noise.fbm(sx, sy - 0.25, t * 0.04, 5);
        const cover = smoothstep(0.42, 0.68, n);
        const shade = 0.78 + 0.22 * smoothstep(-0.08, 0.08, above - n);
        const skyR = 0.25 + 0.15 * (y / H);
        const skyG = 0.48 + 0.15 * (y / H);
        const skyB = 0.85 + 0.08 * (y / H);
        putRgb(video.data, frames, plane, t, y * W + x, skyR + cover * (0.95 * shade - skyR), skyG + cover * (0.95 * shade - skyG), skyB + cover * (0.97 * shade - skyB));
      }
    }
  }
  return video;
}
