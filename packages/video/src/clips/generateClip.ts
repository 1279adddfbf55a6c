import type { VideoTensor } from '../io/VideoTensor.js';
import type { ClipOptions } from './ClipOptions.js';
import { driftingClouds } from './driftingClouds.js';
import { ffmpegSourceClip } from './ffmpegSourceClip.js';
import { flickeringFlame } from './flickeringFlame.js';
import { rainRipples } from './rainRipples.js';
import { risingSmoke } from './risingSmoke.js';
import { swayingLeaves } from './swayingLeaves.js';

/** The clips this package makes (no recorded footage can be downloaded here). */
export const CLIP_KINDS = ['ripples', 'smoke', 'leaves', 'clouds', 'flame', 'life', 'cellauto'] as const;

/** A generated clip's name. */
export type ClipKind = (typeof CLIP_KINDS)[number];

/** How each clip is made, one line (for --help and the README). */
export const CLIP_DESCRIPTIONS: Readonly<Record<ClipKind, string>> = {
  ripples: 'rain on a pond: damped 2D wave equation driven by random raindrops (simulated)',
  smoke: 'smoke rising from a source: small stable-fluids solver with buoyancy (simulated)',
  leaves: 'foliage in gusty wind: noise-driven wind, each leaf a damped oscillator (simulated)',
  clouds: 'clouds drifting across the sky: fractal value noise translated and evolving (procedural)',
  flame: 'flickering flame-like noise: rising turbulence in a teardrop envelope (procedural)',
  life: "Conway's game of life (ffmpeg's life source)",
  cellauto: "elementary cellular automaton rule 30, scrolling (ffmpeg's cellauto source)",
};

/** Whether `name` is a clip kind. */
export function isClipKind(name: string): name is ClipKind {
  return (CLIP_KINDS as readonly string[]).includes(name);
}

/**
 * One of the package's clips (see {@link CLIP_DESCRIPTIONS}).
 * @returns RGB [3, T, H, W] in [0, 1]; default 24 frames of 64×48 at 12 fps.
 */
export async function generateClip(kind: ClipKind, options: ClipOptions = {}): Promise<VideoTensor> {
  switch (kind) {
    case 'ripples':
      return rainRipples(options);
    case 'smoke':
      return risingSmoke(options);
    case 'leaves':
      return swayingLeaves(options);
    case 'clouds':
      return driftingClouds(options);
    case 'flame':
      return flickeringFlame(options);
    case 'life':
    case 'cellauto':
      return ffmpegSourceClip(kind, options);
  }
}
