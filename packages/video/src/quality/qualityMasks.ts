import { missingFramesMask } from '../masks/missingFramesMask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { squareOcclusion } from '../masks/squareOcclusion.js';
import type { VideoMask } from '../masks/VideoMask.js';

/** The three damages of the quality table: (a) 50 % of pixels at random, (b) a static square, (c) 6 missing frames. */
export const QUALITY_MASKS = ['random50', 'square', 'frames6'] as const;

/** One of {@link QUALITY_MASKS}. */
export type QualityMaskKind = (typeof QUALITY_MASKS)[number];

/**
 * The mask of a quality damage for a clip of T frames of H×W: 'random50' (seed 3), 'square' (a centred square of
 * side ⌊min(H, W)/3⌋, 16 px at 64×48, in every frame), 'frames6' (6 frames in the middle: 10–15 of 24, 1-based).
 */
export function qualityMask(kind: QualityMaskKind, frames: number, height: number, width: number): VideoMask {
  switch (kind) {
    case 'random50':
      return randomPixelMask(frames, height, width, 0.5, 3);
    case 'square':
      return squareOcclusion(frames, height, width, Math.floor(Math.min(height, width) / 3));
    case 'frames6': {
      const first = Math.floor((frames - 6) / 2) + 1;
      return missingFramesMask(frames, height, width, Array.from({ length: 6 }, (_, k) => first + k - 1));
    }
  }
}
