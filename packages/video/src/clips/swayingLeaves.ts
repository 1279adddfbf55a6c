import { Rng } from '@ebm/core';
import { createVideo, type VideoTensor } from '../io/VideoTensor.js';
import { putRgb, resolveClipOptions, type ClipOptions } from './ClipOptions.js';
import { ValueNoise } from './ValueNoise.js';

/** Leaves per 64×48 frame (scaled with the area), time step per frame (s), wind correlation time (s). */
const LEAVES = 70;
const DT = 1 / 12;
const WIND_TAU = 0.8;
/** Gust speed across the frame (px/s): the wind reaches leaves on the right later. */
const GUST_SPEED = 60;
const WARM_UP = 36;

interface Leaf {
  x: number;
  y: number;
  length: number;
  width: number;
  angle: number;
  /** Natural frequency (rad/s), damping ratio, response to the wind. */
  omega: number;
  zeta: number;
  gain: number;
  r: number;
  g: number;
  b: number;
  /** Angular displacement φ and its rate. */
  phi: number;
  phiDot: number;
}

/**
 * Foliage swaying in gusty wind: the wind speed is an Ornstein–Uhlenbeck process (noise-driven, correlation time
 * 0.8 s) that sweeps across the frame from left to right; each leaf is a damped oscillator φ'' = −ω²φ − 2ζωφ' + k·wind
 * with its own natural frequency, pivoting about its stem, so neighbouring leaves move alike but not in step. A leaf's
 * brightness follows its tilt toward the light, which gives foliage its shimmer. Leaves are soft-edged ellipses in
 * greens, drawn back to front over a dark, blurred undergrowth. Physically simulated (the wind and the leaves'
 * dynamics); 36 frames run before the first recorded one.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export function swayingLeaves(options: ClipOptions = {}): VideoTensor {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const rng = new Rng(seed);
  const noise = new ValueNoise(seed + 7);
  const count = Math.max(4, Math.round((LEAVES * W * H) / (64 * 48)));
  const leaves: Leaf[] = Array.from({ length: count }, () => {
    const shade = rng.uniform();
    return {
      x: rng.uniform() * W,
      y: rng.uniform() * H,
      length: 4 + 4 * rng.uniform(),
      width: 1.8 + 1.6 * rng.uniform(),
      angle: rng.uniform() * Math.PI,
      omega: 2 * Math.PI * (0.6 + 0.9 * rng.uniform()),
      zeta: 0.15 + 0.15 * rng.uniform(),
      gain: 8 + 10 * rng.uniform(),
      r: 0.16 + 0.2 * shade,
      g: 0.38 + 0.35 * shade,
      b: 0.08 + 0.12 * shade,
      phi: 0,
      phiDot: 0,
    };
  });
  // Undergrowth: static blurred dark greens and browns.
  const plane = W * H;
  const ground = new Float32Array(plane);
  for (let i = 0; i < plane; i++) ground[i] = noise.fbm((i % W) / 9, Math.floor(i / W) / 9, 0.5, 3);
  // Wind history (one value per frame), so a leaf at x feels the wind of x / GUST_SPEED seconds ago.
  const wind: number[] = [];
  let w = 0;
  const video = createVideo(3, frames, H, W, fps);
  const frameRgb = new Float32Array(3 * plane);
  for (let f = -WARM_UP; f < frames; f++) {
    w += (-w / WIND_TAU) * DT + Math.sqrt((2 * DT) / WIND_TAU) * rng.normal();
    wind.push(0.4 + w);
    for (const leaf of leaves) {
      const lag = Math.min(wind.length - 1, Math.round(leaf.x / GUST_SPEED / DT));
      const force = leaf.gain * wind[wind.length - 1 - lag] * 0.05;
      // Semi-implicit Euler for the damped, driven oscillator.
      leaf.phiDot += (-leaf.omega * leaf.omega * leaf.phi - 2 * leaf.zeta * leaf.omega * leaf.phiDot + force * leaf.omega) * DT;
      leaf.phi += leaf.phiDot * DT;
    }
    if (f < 0) continue;
    for (let i = 0; i < plane; i++) {
      const gv = ground[i];
      frameRgb[i] = 0.05 + 0.1 * gv;
      frameRgb[plane + i] = 0.08 + 0.16 * gv;
      frameRgb[2 * plane + i] = 0.03 + 0.05 * gv;
    }
    for (const leaf of leaves) drawLeaf(frameRgb, W, H, leaf);
    for (let i = 0; i < plane; i++) putRgb(video.data, frames, plane, f, i, frameRgb[i], frameRgb[plane + i], frameRgb[2 * plane + i]);
  }
  return video;
}

/** Alpha-blends one leaf: an ellipse rotated by angle + φ about its stem end, soft edge, brightness by tilt. */
function drawLeaf(rgb: Float32Array, W: number, H: number, leaf: Leaf): void {
  const plane = W * H;
  const a = leaf.angle + leaf.phi;
  const ca = Math.cos(a);
  const sa = Math.sin(a);
  // The stem is at (x, y); the blade's centre sits half a length along the leaf's axis.
  const cx = leaf.x + 0.5 * leaf.length * ca;
  const cy = leaf.y + 0.5 * leaf.length * sa;
  const light = 0.75 + 0.45 * Math.cos(2 * leaf.phi + leaf.angle);
  const reach = Math.ceil(leaf.length);
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(H, Math.ceil(cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(W, Math.ceil(cx + reach)); x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = (dx * ca + dy * sa) / (0.5 * leaf.length);
      const v = (-dx * sa + dy * ca) / (0.5 * leaf.width);
      const r = Math.sqrt(u * u + v * v);
      const alpha = Math.min(1, Math.max(0, (1 - r) * 0.5 * leaf.width + 0.5));
      if (alpha <= 0) continue;
      const vein = 1 - 0.12 * Math.exp(-v * v * 20);
      const i = y * W + x;
      rgb[i] += alpha * (leaf.r * light * vein - rgb[i]);
      rgb[plane + i] += alpha * (leaf.g * light * vein - rgb[plane + i]);
      rgb[2 * plane + i] += alpha * (leaf.b * light * vein - rgb[2 * plane + i]);
    }
  }
}
