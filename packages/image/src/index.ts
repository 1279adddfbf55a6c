// Public API of @ebm/image, re-exported by name.

// Images and I/O
export { createImage, cloneImage, toRgb, clampImage, stackImages, unstackImages, type ImageTensor } from './io/ImageTensor.js';
export { ImageInputError } from './io/ImageInputError.js';
export { MaskSizeError } from './io/MaskSizeError.js';
export { ImageOutputError } from './io/ImageOutputError.js';
export { SUPPORTED_IMAGE_FORMATS, IMAGE_FILE_EXTENSIONS, hasImageExtension } from './io/imageFormats.js';
export { readImage, decodeImage, type ReadImageOptions, type ImageFit } from './io/readImage.js';
export { readDataset, listImageFiles, type ImageDataset, type ReadDatasetOptions } from './io/readDataset.js';
export { writePng, encodePng } from './io/writePng.js';
export { cropImage } from './io/cropImage.js';
export { composeSampleSheet, writeSampleSheet, type SampleSheetOptions } from './io/sampleSheet.js';
export { readMask, type ReadMaskOptions } from './io/readMask.js';
export { writeMaskPng } from './io/writeMaskPng.js';
export {
  fitStandardisation,
  normalise,
  denormalise,
  normaliseImage,
  denormaliseImage,
  parseNormalisation,
  type Normalisation,
} from './io/Normalisation.js';

// Masks
export { countMissing, expandMask, assertMaskSize, type Mask } from './masks/Mask.js';
export { randomPixelMask } from './masks/randomPixelMask.js';
export { centralSquareMask } from './masks/centralSquareMask.js';
export { holeRadius } from './masks/holeRadius.js';
export { dilateMask } from './masks/dilateMask.js';
export { squareHole } from './masks/squareHole.js';
export { TrainingHoles, type HoleWindow } from './masks/trainingHoles.js';

// Procedural textures
export { textureSize, type TextureOptions } from './textures/TextureOptions.js';
export { latticeHash, valueNoise, fractalNoise } from './textures/latticeNoise.js';
export { brickTexture } from './textures/brickTexture.js';
export { marbleTexture } from './textures/marbleTexture.js';
export { weaveTexture } from './textures/weaveTexture.js';
export { cloudTexture } from './textures/cloudTexture.js';
export { generateTexture, TEXTURE_GENERATORS, TEXTURE_KINDS, type TextureKind } from './textures/generateTexture.js';
export { writeTexturePngs, type WriteTexturePngsOptions } from './textures/writeTexturePngs.js';

// Baselines: inpainting and synthesis
export { meanFill } from './baselines/meanFill.js';
export { harmonicInpaint, type HarmonicInpaintOptions } from './baselines/harmonicInpaint.js';
export { patchCopyFill } from './baselines/patchCopyFill.js';
export { phaseRandomisedCopy } from './baselines/phaseRandomisedCopy.js';
export { matchedGaussianNoise } from './baselines/matchedGaussianNoise.js';

// Fourier transforms
export { fft, ifft } from './fourier/fft.js';
export { fft2d, ifft2d } from './fourier/fft2d.js';

// Metrics
export { luminance, LUMA_WEIGHTS } from './metrics/luminance.js';
export { maskedRmse } from './metrics/maskedRmse.js';
export { detailRatio, DETAIL_WINDOW_MARGIN } from './metrics/detailRatio.js';
export { greyHistogram } from './metrics/greyHistogram.js';
export { histogramDistance } from './metrics/histogramDistance.js';
export { radialPowerSpectrum, type PowerSpectrum } from './metrics/radialPowerSpectrum.js';
export { spectrumDistance, powerSpectrumDistance } from './metrics/spectrumDistance.js';
export { nearestPatchDistance, type NearestPatchOptions } from './metrics/nearestPatchDistance.js';

// Presets
export type { ImagePreset, PresetName, PresetTraining, SamplerOverrides } from './presets/ImagePreset.js';
export { texturePreset, TEXTURE_DEFAULTS, type TexturePresetOptions } from './presets/texturePreset.js';
export { objectPreset, OBJECT_DEFAULTS, type ObjectPresetOptions } from './presets/objectPreset.js';
export { presets, PRESET_NAMES, createPreset, isPresetName } from './presets/presets.js';

// Energy terms beside the network
export { withSmoothReference, addSmoothTerm, SmoothReferenceEnergy, smoothnessScale, isSmoothnessOff, type Smoothness } from './energy/smoothReference.js';
export { fitSmoothness, fitSmoothnessPrecision } from './energy/fitSmoothness.js';
export { symmetricEigen } from '@ebm/core'; // core's since the video work; kept here for existing imports

// Model files
export { imageEnergyFn, imageSampler, chainNoise, type ImageModel } from './model/ImageModel.js';
export { saveImageModel, type ImageModelMeta } from './model/saveImageModel.js';
export { loadImageModel } from './model/loadImageModel.js';
export { exportImageModel } from './model/exportImageModel.js';

// Training
export {
  trainImageModel,
  trainTexture,
  runIterations,
  MAX_ENERGY_GAP_PER_VALUE,
  type TrainImageOptions,
  type TrainProgress,
} from './training/trainImageModel.js';
export { resumeTraining } from './training/resumeTraining.js';
export { zeroReadout } from './training/zeroReadout.js';
export { mixedChains, type ChainMix, type MixedChains } from './training/fillChains.js';

// Synthesis, inpainting, interpolation
export { synthesize, replayBufferOf, type SynthesizeOptions, type StepProgress } from './synthesis/synthesize.js';
export { SamplingDivergedError, assertFiniteSamples, assertFiniteEnergy } from './synthesis/SamplingDivergedError.js';
export { inpaint, averageRecoveries, MODEL_MEAN_SAMPLES, type InpaintOptions } from './inpainting/inpaint.js';
export { resolveEstimate, MEAN_ESTIMATE_MAX_RADIUS, type InpaintingEstimate } from './inpainting/inpaintingEstimate.js';
export {
  inpaintByLearning,
  learningPreset,
  LEARNING_DEFAULTS,
  HELD_OUT_PIXEL_FRACTION,
  type InpaintByLearningOptions,
  type LearnedInpainting,
} from './inpainting/inpaintByLearning.js';
export { blendMissing, blendWeight, holdOutPixels, unionMask } from './inpainting/heldOutBlend.js';
export {
  fillByLearning,
  fillingPreset,
  FILLING_DEFAULTS,
  FILL_MARGIN,
  MIN_FILL_WINDOW,
  type FillByLearningOptions,
} from './inpainting/fillByLearning.js';
export { observedIndicator, inpaintingStart, type InpaintStart } from './inpainting/observedValues.js';
export { observedRange } from './inpainting/observedRange.js';
export { observedMean } from './energy/observedMean.js';
export { interpolate, type InterpolateOptions } from './interpolation/interpolate.js';

// Quality measurement (the README tables; scripts/quality.ts)
export { qualityTextures, type QualityTexture } from './quality/qualityTextures.js';
export { measureInpainting, qualityMask, type InpaintingScores, type QualityMaskName } from './quality/measureInpainting.js';
export { measureHoles, type HoleScores, type FillScore } from './quality/measureHoles.js';
export { measureSynthesis, synthesisDistances, type SynthesisDistances, type SynthesisScores } from './quality/measureSynthesis.js';
export { measureSpeed, type SpeedScores } from './quality/measureSpeed.js';
export { markdownTable } from './quality/markdownTable.js';

// JEM: a classifier read as an energy-based model
export { jemNetwork, type JemNetworkOptions } from './jem/jemNetwork.js';
export { JEM_DEFAULTS, JEM_DEFAULT_ITERATIONS, jemDecayIterations, type JemOptions } from './jem/JemOptions.js';
export { JemTrainer, argmax, type JemEvent } from './jem/JemTrainer.js';
export { trainJem, type TrainJemOptions } from './jem/trainJem.js';
export { saveJemModel, loadJemModel, disposeJemModel, JEM_MODEL_KIND, type JemModel } from './jem/JemModel.js';
export { evaluateJem, classify, type JemEvaluation } from './jem/evaluateJem.js';
export { sampleJemClass, type SampleJemClassOptions } from './jem/sampleJemClass.js';
export { expectedCalibrationError, auroc, softmaxRows } from './jem/classifierMetrics.js';
export { shiftImages } from './jem/shiftImages.js';
export { readClassFolders } from './jem/readClassFolders.js';
export { jemData } from './jem/jemData.js';
export {
  mnistImages,
  allMnistImages,
  digitsAsImages,
  selectImages,
  splitImages,
  JEM_NORMALISATION,
  HELD_OUT_FRACTION,
  FOLDER_SPLIT_SEED,
  type LabelledImages,
} from './jem/LabelledImages.js';
