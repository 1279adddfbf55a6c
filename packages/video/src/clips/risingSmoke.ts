import { Rng } from '@ebm/core';
import { createVideo, type VideoTensor } from '../io/VideoTensor.js';
import { putRgb, resolveClipOptions, type ClipOptions } from './ClipOptions.js';
import { ValueNoise } from './ValueNoise.js';

/** Fluid steps per frame, pressure (Jacobi) iterations per step, frames simulated before recording. */
const SUBSTEPS = 2;
const PRESSURE_ITERATIONS = 40;
const WARM_UP = 60;
/** Buoyancy per unit density (px/step²), vorticity confinement strength, density kept per step. */
const BUOYANCY = 0.06;
const VORTICITY = 0.25;
const DENSITY_KEPT = 0.992;

/**
 * Smoke rising from a source, from a small incompressible fluid solver in the manner of Stam's "stable fluids": per
 * step, buoyancy (lift ∝ density) and vorticity confinement forces, semi-Lagrangian advection of velocity and density
 * (bilinear back-tracing), and a pressure projection (Jacobi iterations for ∇²p = ∇·v, then v ← v − ∇p) that keeps
 * the flow divergence-free; walls on the sides and floor, open at the top. The source at the bottom breathes with
 * slow noise and its inflow is jittered, so plumes curl and break up. Rendered as grey-white smoke lit from above
 * over a dark blue-grey background. Physically simulated; 60 frames run before the first recorded one.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export function risingSmoke(options: ClipOptions = {}): VideoTensor {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const rng = new Rng(seed);
  const noise = new ValueNoise(seed + 101);
  const n = W * H;
  const vx = new Float32Array(n);
  const vy = new Float32Array(n);
  const d = new Float32Array(n);
  const tmpX = new Float32Array(n);
  const tmpY = new Float32Array(n);
  const tmpD = new Float32Array(n);
  const p = new Float32Array(n);
  const pNext = new Float32Array(n);
  const div = new Float32Array(n);
  const curl = new Float32Array(n);
  const video = createVideo(3, frames, H, W, fps);
  const sourceX = W / 2;
  const sourceW = Math.max(2, W / 10);
  let step = 0;
  for (let f = -WARM_UP; f < frames; f++) {
    for (let s = 0; s < SUBSTEPS; s++, step++) {
      // Source: density and upward inflow near the floor, breathing with slow noise; sideways jitter.
      const breath = 0.6 + 0.8 * noise.at(step * 0.05, 0.5, 3.3);
      const sway = (noise.at(step * 0.03, 7.1, 1.7) - 0.5) * 1.6;
      for (let y = H - 4; y < H - 1; y++) {
        for (let x = 0; x < W; x++) {
          const w = Math.exp(-(((x - sourceX - sway * 3) / sourceW) ** 2));
          if (w < 0.02) continue;
          const i = y * W + x;
          d[i] = Math.min(1.5, d[i] + 0.35 * breath * w);
          vy[i] -= 0.4 * w * breath;
          vx[i] += (rng.uniform() - 0.5) * 0.6 * w + 0.05 * sway;
        }
      }
      // Forces: buoyancy (up is −y) and vorticity confinement.
      for (let i = 0; i < n; i++) vy[i] -= BUOYANCY * d[i];
      vorticityConfinement(vx, vy, curl, W, H);
      // Advect velocity, project, advect density.
      advect(tmpX, vx, vx, vy, W, H);
      advect(tmpY, vy, vx, vy, W, H);
      vx.set(tmpX);
      vy.set(tmpY);
      walls(vx, vy, W, H);
      project(vx, vy, p, pNext, div, W, H);
      advect(tmpD, d, vx, vy, W, H);
      for (let i = 0; i < n; i++) d[i] = tmpD[i] * DENSITY_KEPT;
    }
    if (f >= 0) render(video, f, d, W, H);
  }
  return video;
}

/** Bilinear sample of q [H, W] at (x, y), clamped to the grid. */
function sample(q: Float32Array, x: number, y: number, W: number, H: number): number {
  x = Math.min(W - 1.001, Math.max(0, x));
  y = Math.min(H - 1.001, Math.max(0, y));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * W + x0;
  return (q[i] * (1 - fx) + q[i + 1] * fx) * (1 - fy) + (q[i + W] * (1 - fx) + q[i + W + 1] * fx) * fy;
}

/** Semi-Lagrangian advection: out(x) = q(x − v(x)), one step of unit length. */
function advect(out: Float32Array, q: Float32Array, vx: Float32Array, vy: Float32Array, W: number, H: number): void {
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x;
    out[i] = sample(q, x - vx[i], y - vy[i], W, H);
  }
}

/** No flow through the side walls and the floor; the top is open. */
function walls(vx: Float32Array, vy: Float32Array, W: number, H: number): void {
  for (let y = 0; y < H; y++) {
    vx[y * W] = Math.max(0, vx[y * W]);
    vx[y * W + W - 1] = Math.min(0, vx[y * W + W - 1]);
  }
  for (let x = 0; x < W; x++) vy[(H - 1) * W + x] = Math.min(0, vy[(H - 1) * W + x]);
}

/** Pressure projection: Jacobi iterations for ∇²p = ∇·v (p = 0 at the open top), then v ← v − ∇p. */
function project(vx: Float32Array, vy: Float32Array, p: Float32Array, pNext: Float32Array, div: Float32Array, W: number, H: number): void {
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x;
    const r = x < W - 1 ? vx[i + 1] : 0;
    const l = x > 0 ? vx[i - 1] : 0;
    const dn = y < H - 1 ? vy[i + W] : 0;
    const up = y > 0 ? vy[i - W] : vy[i];
    div[i] = 0.5 * (r - l + dn - up);
  }
  p.fill(0);
  for (let k = 0; k < PRESSURE_ITERATIONS; k++) {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const c = p[i];
      const l = x > 0 ? p[i - 1] : c;
      const r = x < W - 1 ? p[i + 1] : c;
      const up = y > 0 ? p[i - W] : 0;
      const dn = y < H - 1 ? p[i + W] : c;
      pNext[i] = (l + r + up + dn - div[i]) / 4;
    }
    p.set(pNext);
  }
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const i = y * W + x;
    const c = p[i];
    vx[i] -= 0.5 * ((x < W - 1 ? p[i + 1] : c) - (x > 0 ? p[i - 1] : c));
    vy[i] -= 0.5 * ((y < H - 1 ? p[i + W] : c) - (y > 0 ? p[i - W] : 0));
  }
}

/** Adds ε·(N × ω) with N the normalised gradient of |ω|: re-energises the small curls numerical diffusion damps. */
function vorticityConfinement(vx: Float32Array, vy: Float32Array, curl: Float32Array, W: number, H: number): void {
  for (let y = 1; y < H - 1; y++) for (let x = 1; x < W - 1; x++) {
    const i = y * W + x;
    curl[i] = 0.5 * (vy[i + 1] - vy[i - 1] - (vx[i + W] - vx[i - W]));
  }
  for (let y = 2; y < H - 2; y++) for (let x = 2; x < W - 2; x++) {
    const i = y * W + x;
    const gx = 0.5 * (Math.abs(curl[i + 1]) - Math.abs(curl[i - 1]));
    const gy = 0.5 * (Math.abs(curl[i + W]) - Math.abs(curl[i - W]));
    const len = Math.hypot(gx, gy) + 1e-6;
    vx[i] += VORTICITY * (gy / len) * curl[i];
    vy[i] -= VORTICITY * (gx / len) * curl[i];
  }
}

/** Smoke over a dark background: opacity from density, lit from above (thinner smoke above is brighter). */
function render(video: VideoTensor, f: number, d: Float32Array, W: number, H: number): void {
  const plane = W * H;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const alpha = 1 - Math.exp(-2.2 * d[i]);
      const above = y > 1 ? d[i - 2 * W] : 0;
      const lit = 0.75 + 0.25 * Math.exp(-1.5 * Math.max(0, above - d[i] + 0.2));
      const bg = 0.1 + 0.06 * (y / H);
      putRgb(video.data, video.frames, plane, f, i, bg * (1 - alpha) + 0.86 * lit * alpha, (bg + 0.02) * (1 - alpha) + 0.87 * lit * alpha, (bg + 0.07) * (1 - alpha) + 0.9 * lit * alpha);
    }
  }
}
