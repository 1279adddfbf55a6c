import { spaceTimeHarmonicFill } from '../baselines/interpolateVideo.js';
import type { SpaceTimeSmoothness } from '../energy/SpaceTimeSmoothness.js';
import { denormaliseVideo, normaliseVideo } from '../io/normalisation.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import type { VideoMask } from '../masks/VideoMask.js';

/**
 * Where recovery starts: the space-time harmonic fill with the reference's precisions as neighbour weights, i.e. the
 * conditional mode of the reference alone (the energy of an untrained model). Network units.
 * @returns [C, T, H, W] in [−1, 1]; observed pixels as given.
 */
export function recoveryStart(video: VideoTensor, mask: VideoMask, smoothness: SpaceTimeSmoothness): Float32Array {
  const weights = smoothness.time === 0 && smoothness.space === 0 && !smoothness.curvature ? { time: 1, space: 1 } : smoothness;
  return normaliseVideo(spaceTimeHarmonicFill(video, mask, weights));
}

/**
 * The mean of `n` recovered chains [n, C, T, H, W] (network units) as a clip in [0, 1], with every observed pixel
 * copied from `video` so it comes back exactly as given.
 */
export function averageRecoveries(video: VideoTensor, mask: VideoMask, chains: Float32Array, n: number): VideoTensor {
  const D = chains.length / n;
  const mean = new Float32Array(D);
  for (let k = 0; k < n; k++) for (let i = 0; i < D; i++) mean[i] += chains[k * D + i] / n;
  const out = denormaliseVideo(mean, video);
  const plane = mask.data.length;
  for (let i = 0; i < D; i++) if (!mask.data[i % plane]) out.data[i] = video.data[i];
  return out;
}
