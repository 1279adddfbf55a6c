import { principalAxisBox, type Constraint } from '@ebm/core';
import { normaliseVideo } from '../io/normalisation.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * A constraint that keeps every pixel's colour of chain states [N, C, T, H, W] (network units, [−1, 1]) inside the box
 * the observed pixels' colours span along their principal axes (core's principalAxisBox): a recovered pixel may take
 * no colour the clip shows nowhere (no red on a blue-green pond, no hue on grey smoke), which keeps an imperfect model
 * from running off to saturated colours inside large holes and gaps. Grey clips are clamped to their observed range.
 * @param video [C, T, H, W] in [0, 1]; mask [T, H, W], 1 = missing.
 */
export function observedColourBox(video: VideoTensor, mask: VideoMask): Constraint {
  const observed = mask.data.map((m) => (m ? 0 : 1));
  return principalAxisBox(normaliseVideo(video), observed, video.channels);
}
