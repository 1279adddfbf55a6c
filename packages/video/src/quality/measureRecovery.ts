import { interpolateVideo, spaceTimeHarmonicFill } from '../baselines/interpolateVideo.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { maskedMae } from '../metrics/maskedMae.js';
import { detailInRegion, motionInRegion } from '../metrics/motionInRegion.js';
import { learningPreset, recoverByLearning } from '../recovery/recoverByLearning.js';
import type { DynamicTextureOptions } from '../presets/dynamicTexturePreset.js';
import { qualityMask, type QualityMaskKind } from './qualityMasks.js';

/** Scores of one recovery experiment; MAE per value over the missing pixels, [0, 1] units. */
export interface RecoveryScores {
  mask: QualityMaskKind;
  /** `recover --learn` at its defaults. */
  ebm: number;
  /** `--method interpolate`. */
  interpolate: number;
  /** Space-time harmonic fill with the fitted reference (the EBM's start, the energy of an untrained network). */
  reference: number;
  /** The EBM's posterior-mean estimate (the same as `ebm` when that is the mean). */
  ebmMean: number;
  /** Which estimate the EBM returned ('mean' or 'sample'). */
  estimate: string;
  /** RMS frame-to-frame change inside the hole: the original's, the EBM's, its mean's, the baseline's (square only). */
  motion?: { original: number; ebm: number; ebmMean: number; interpolate: number };
  /** RMS Laplacian inside the hole: the original's, the EBM's, the baseline's (square only). */
  detail?: { original: number; ebm: number; interpolate: number };
  /** Wall-clock seconds of the EBM recovery. */
  seconds: number;
  /** The clips, for strips: damaged input (missing pixels black), EBM, baseline. */
  clips: { input: VideoTensor; ebm: VideoTensor; interpolate: VideoTensor };
}

/**
 * Damages `truth` with one quality mask and recovers it three ways: learning from the damaged clip (EBM), the
 * interpolation baseline, and the fitted space-time reference alone.
 * @param options.preset overrides of the learning preset (learningPreset).
 * @param truth [C, T, H, W] in [0, 1].
 */
export async function measureRecovery(truth: VideoTensor, kind: QualityMaskKind, options: { iterations?: number; threads?: number; seed?: number; preset?: Partial<DynamicTextureOptions> } = {}): Promise<RecoveryScores> {
  const mask = qualityMask(kind, truth.frames, truth.height, truth.width);
  const input = { ...truth, data: truth.data.slice() };
  const n = mask.data.length;
  for (let i = 0; i < input.data.length; i++) if (mask.data[i % n]) input.data[i] = 0;
  const interpolated = interpolateVideo(input, mask);
  const preset = learningPreset(options.preset);
  const reference = spaceTimeHarmonicFill(input, mask, preset.fit([input], mask).smoothness);
  const t0 = Date.now();
  const learned = await recoverByLearning(input, mask, { preset, iterations: options.iterations, threads: options.threads, seed: options.seed });
  const seconds = (Date.now() - t0) / 1000;
  await learned.model.model.dispose();
  const scores: RecoveryScores = {
    mask: kind,
    ebm: maskedMae(learned.video, truth, mask),
    ebmMean: maskedMae(learned.mean, truth, mask),
    interpolate: maskedMae(interpolated, truth, mask),
    reference: maskedMae(reference, truth, mask),
    estimate: learned.estimate,
    seconds,
    clips: { input, ebm: learned.video, interpolate: interpolated },
  };
  if (kind === 'square') {
    scores.motion = { original: motionInRegion(truth, mask), ebm: motionInRegion(learned.video, mask), ebmMean: motionInRegion(learned.mean, mask), interpolate: motionInRegion(interpolated, mask) };
    scores.detail = { original: detailInRegion(truth, mask), ebm: detailInRegion(learned.video, mask), interpolate: detailInRegion(interpolated, mask) };
  }
  return scores;
}
