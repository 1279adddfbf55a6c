import { Rng } from '@ebm/core';
import { createVideo, type VideoTensor } from '../io/VideoTensor.js';
import { putRgb, resolveClipOptions, type ClipOptions } from './ClipOptions.js';

/** Time steps of the wave equation per frame (c·Δt = 0.5 px per step keeps the scheme stable: CFL ≤ 1/√2). */
const SUBSTEPS = 4;
const C_DT = 0.5;
/** Damping per step (fraction of the velocity lost). */
const DAMPING = 0.012;
/** Mean raindrops per frame over a 64×48 frame (scaled with the area). */
const DROPS_PER_FRAME = 0.9;
/** Frames simulated before the first recorded one, so the surface is already rippling. */
const WARM_UP = 40;

/**
 * Rain on a pond: the damped 2D wave equation u_tt = c²∇²u − γu_t on the pixel grid (leapfrog finite differences, 4
 * steps per frame, reflecting banks), driven by raindrops that land at random places and times (a Poisson process)
 * as small Gaussian dents. Rendered as a water surface: each pixel's colour comes from its surface normal, deep
 * blue-green where it faces the viewer and sky-bright with a specular glint where it tilts toward the light.
 * Physically simulated; 40 frames run before the first recorded one.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export function rainRipples(options: ClipOptions = {}): VideoTensor {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const rng = new Rng(seed);
  const n = W * H;
  let u = new Float32Array(n);
  let prev = new Float32Array(n);
  let next = new Float32Array(n);
  const video = createVideo(3, frames, H, W, fps);
  const rate = (DROPS_PER_FRAME * n) / (64 * 48);
  const k = C_DT * C_DT;
  for (let f = -WARM_UP; f < frames; f++) {
    for (let s = 0; s < SUBSTEPS; s++) {
      if (rng.uniform() < rate / SUBSTEPS) drop(u, W, H, rng.uniform() * W, rng.uniform() * H, 1.2 + rng.uniform(), 0.8 + 0.8 * rng.uniform());
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = y * W + x;
          const c = u[i];
          // Reflecting banks: a missing neighbour mirrors the centre (zero normal derivative).
          const l = x > 0 ? u[i - 1] : c;
          const r = x < W - 1 ? u[i + 1] : c;
          const up = y > 0 ? u[i - W] : c;
          const dn = y < H - 1 ? u[i + W] : c;
          next[i] = 2 * c - prev[i] + k * (l + r + up + dn - 4 * c) - DAMPING * (c - prev[i]);
        }
      }
      [prev, u, next] = [u, next, prev];
    }
    if (f >= 0) render(video, f, u, W, H);
  }
  return video;
}

/** A raindrop: a Gaussian dent of depth `depth` and radius `radius` px at (cx, cy). */
function drop(u: Float32Array, W: number, H: number, cx: number, cy: number, radius: number, depth: number): void {
  const reach = Math.ceil(3 * radius);
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(H, Math.ceil(cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(W, Math.ceil(cx + reach)); x++) {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      u[y * W + x] -= depth * Math.exp(-d2 / (2 * radius * radius));
    }
  }
}

/** Shades the height field u [H, W] into frame f: slopes give the normal, the normal the colour. */
function render(video: VideoTensor, f: number, u: Float32Array, W: number, H: number): void {
  const plane = W * H;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const sx = 0.5 * ((x < W - 1 ? u[i + 1] : u[i]) - (x > 0 ? u[i - 1] : u[i]));
      const sy = 0.5 * ((y < H - 1 ? u[i + W] : u[i]) - (y > 0 ? u[i - W] : u[i]));
      // Tilt toward the light (upper left) brightens; a sharp specular term gives glints on wave crests.
      const facing = -(0.8 * sx + 0.6 * sy) * 3;
      const light = 0.5 + 0.5 * Math.tanh(facing);
      const glint = Math.pow(Math.max(0, facing - 0.6), 2) * 0.6;
      const depthShade = 0.9 + 0.1 * (y / H);
      putRgb(video.data, video.frames, plane, f, i, (0.06 + 0.35 * light + glint) * depthShade, (0.22 + 0.42 * light + glint) * depthShade, (0.3 + 0.45 * light + glint) * depthShade);
    }
  }
}
