/**
 * @ebm/video: the spatial-temporal generative ConvNet (Xie, Zhu & Wu 2017) for dynamic textures: video I/O through
 * ffmpeg, the `dynamic-texture` preset, training, synthesis, recovery of missing pixels and frames (by learning from
 * the damaged clip, with a trained model, or by the interpolation baseline), demo clips, metrics and ONNX export.
 * Clips are [C, T, H, W] in [0, 1]; the networks see [N, C, T, H, W] in [−1, 1] (time is core's first spatial axis).
 */
// Clips and I/O
export type { VideoTensor } from './io/VideoTensor.js';
export { createVideo, cloneVideo, sliceFrames, sizeLabel } from './io/VideoTensor.js';
export type { ReadVideoOptions, RawClip } from './io/readVideo.js';
export { readVideo, decodeClip, FRAME_FOLDER_FPS } from './io/readVideo.js';
export { writeVideo } from './io/writeVideo.js';
export { readMask } from './io/readMask.js';
export { writePng } from './io/writePng.js';
export type { FrameStripOptions } from './io/frameStrip.js';
export { composeFrameStrip } from './io/frameStrip.js';
export type { VideoOutputKind } from './io/videoOutput.js';
export { checkVideoOutput, videoOutputKind, VIDEO_OUTPUT_EXTENSIONS } from './io/videoOutput.js';
export { isFrameFolderPath, listFrameFiles, frameFileName, frameNumber } from './io/frameFolder.js';
export { pngSizeFromHeader } from './io/pngSize.js';
export { normaliseVideo, denormaliseVideo, VIDEO_NORMALISATION } from './io/normalisation.js';
export type { FfmpegBinaries, FfmpegLookup } from './io/ffmpegBinaries.js';
export { ffmpegBinaries, locateFfmpeg } from './io/ffmpegBinaries.js';
export { FfmpegNotFoundError } from './io/FfmpegNotFoundError.js';
export { VideoIoError } from './io/VideoIoError.js';
// Masks
export type { VideoMask } from './masks/VideoMask.js';
export { countMissing, emptyMask, fullyMissingFrames, observedIndicator, unionMask } from './masks/VideoMask.js';
export { randomPixelMask } from './masks/randomPixelMask.js';
export { squareOcclusion } from './masks/squareOcclusion.js';
export { missingFramesMask } from './masks/missingFramesMask.js';
export { parseFrameList } from './masks/parseFrameList.js';
export { FrameListError } from './masks/FrameListError.js';
export { holeRadius } from './masks/holeRadius.js';
// Demo clips
export type { ClipOptions } from './clips/ClipOptions.js';
export { CLIP_DEFAULTS } from './clips/ClipOptions.js';
export type { ClipKind } from './clips/generateClip.js';
export { CLIP_KINDS, CLIP_DESCRIPTIONS, generateClip, isClipKind } from './clips/generateClip.js';
export { rainRipples } from './clips/rainRipples.js';
export { risingSmoke } from './clips/risingSmoke.js';
export { swayingLeaves } from './clips/swayingLeaves.js';
export { driftingClouds } from './clips/driftingClouds.js';
export { flickeringFlame } from './clips/flickeringFlame.js';
export type { FfmpegSourceKind } from './clips/ffmpegSourceClip.js';
export { ffmpegSourceClip } from './clips/ffmpegSourceClip.js';
// Energy, presets, models
export type { SpaceTimeSmoothness } from './energy/SpaceTimeSmoothness.js';
export { spaceTimeReference, withSpaceTimeSmoothness, smoothnessStiffness } from './energy/SpaceTimeSmoothness.js';
export { fitSmoothness } from './energy/fitSmoothness.js';
export type { ReferenceRatios } from './energy/holdoutRatios.js';
export { holdoutRatios, TIME_RATIOS, CURVATURE_RATIOS } from './energy/holdoutRatios.js';
export { gaussianMrfDraw } from './energy/gaussianMrfDraw.js';
export type { DifferenceMoments } from './energy/matchMrfMoments.js';
export { matchMrfMoments } from './energy/matchMrfMoments.js';
export { surroundingFluctuation, surroundingMoments, SURROUNDING_RADIUS } from './recovery/surroundingFluctuation.js';
export type { VideoPreset, VideoPresetName, VideoPresetTraining, SamplerOverrides } from './presets/VideoPreset.js';
export type { DynamicTextureOptions } from './presets/dynamicTexturePreset.js';
export { dynamicTexturePreset, DYNAMIC_TEXTURE_DEFAULTS } from './presets/dynamicTexturePreset.js';
export type { VideoModel } from './model/VideoModel.js';
export { videoEnergyFn } from './model/VideoModel.js';
export { saveVideoModel } from './model/saveVideoModel.js';
export { loadVideoModel } from './model/loadVideoModel.js';
export { exportVideoModel } from './model/exportVideoModel.js';
// Training and synthesis
export type { TrainVideoOptions, TrainProgress } from './training/trainVideoModel.js';
export { trainVideoModel, resumeTraining, runIterations, createTrainer } from './training/trainVideoModel.js';
export type { SynthesizeOptions } from './synthesis/synthesizeVideo.js';
export { synthesizeVideo } from './synthesis/synthesizeVideo.js';
export { SamplingDivergedError } from './synthesis/SamplingDivergedError.js';
// Recovery and baselines
export type { RecoverByLearningOptions, LearnedRecovery } from './recovery/recoverByLearning.js';
export { recoverByLearning, learningPreset, LEARNING_DEFAULTS } from './recovery/recoverByLearning.js';
export type { RecoverWithModelOptions } from './recovery/recoverWithModel.js';
export { recoverWithModel, MODEL_MEAN_CHAINS } from './recovery/recoverWithModel.js';
export type { RecoveryEstimateChoice } from './recovery/RecoveryEstimate.js';
export { resolveEstimate, MEAN_ESTIMATE_MAX_RADIUS } from './recovery/RecoveryEstimate.js';
export { interpolateVideo, spaceTimeHarmonicFill } from './baselines/interpolateVideo.js';
export type { AxisWeights } from './baselines/gridHarmonicFill.js';
export { gridHarmonicFill } from './baselines/gridHarmonicFill.js';
// Metrics
export { maskedMae } from './metrics/maskedMae.js';
export { temporalPowerSpectrum, spatialPowerSpectrum, spectrumDistance } from './metrics/powerSpectra.js';
export { nearestFrameDistance, frameRms } from './metrics/frameDistances.js';
export { motionInRegion, detailInRegion } from './metrics/motionInRegion.js';
export { spectrumMatchedNoise } from './baselines/spectrumMatchedNoise.js';
export { dftAxis } from './fourier/dftAxis.js';
// Quality measurement (scripts/quality.ts)
export type { QualityMaskKind } from './quality/qualityMasks.js';
export { QUALITY_MASKS, qualityMask } from './quality/qualityMasks.js';
export type { RecoveryScores } from './quality/measureRecovery.js';
export { measureRecovery } from './quality/measureRecovery.js';
export type { SynthesisScores, SpectrumScores } from './quality/measureSynthesis.js';
export { measureSynthesis } from './quality/measureSynthesis.js';
