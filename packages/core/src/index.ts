// Network specs
export type { NetworkSpec, LayerSpec, ConvSpec, LinearSpec, FlattenSpec, ActivationSpec, ParamInfo, Readout } from './spec/NetworkSpec.js';
export { LAYER_TYPES, READOUTS } from './spec/NetworkSpec.js';
export { SpecError } from './spec/SpecError.js';
export type { ResolvedNetwork, ResolvedLayer } from './spec/resolveNetwork.js';
export { resolveNetwork, shapeSize } from './spec/resolveNetwork.js';
export { initParams, paramViews } from './spec/initParams.js';
export type { BenchNetName } from './spec/presets.js';
export { BENCH_NETS } from './spec/presets.js';

// Graph compiler and runtime
export type { GraphKind, CompiledGraph, CompileOptions } from './compile/compileGraph.js';
export { compileGraph, GRAPH_NAMES, CLASSIFIER_GRAPH_KINDS } from './compile/compileGraph.js';
export { GraphBuilder, OPSET } from './graph/GraphBuilder.js';
export type { LayerRule, LayerContext, ParamDecl, GradientsWanted } from './layers/LayerRule.js';
export { LAYER_RULES } from './layers/registry.js';
export { logsumexpReadout, logSumExp } from './layers/logsumexpReadout.js';
export { classEnergy } from './layers/classEnergy.js';
export { crossEntropy } from './layers/crossEntropy.js';
export type { ClassifierOutput, CrossEntropyGradient } from './classifier/ClassifierEnergy.js';
export { ClassifierEnergy } from './classifier/ClassifierEnergy.js';
export type { EnergyModelOptions, ParamGradient } from './runtime/EnergyModel.js';
export { EnergyModel, FrozenEnergy, checkExecutionProvider } from './runtime/EnergyModel.js';
export type { ExecutionOptions, ExecutionProvider } from './runtime/ExecutionOptions.js';
export type { Engine } from './runtime/engineChoice.js';
export { ENGINES } from './runtime/engineChoice.js';
export { RuntimeError } from './runtime/RuntimeError.js';

// Randomness and optimisers
export type { RngState } from './random/Rng.js';
export { Rng } from './random/Rng.js';
export type { Optimizer, OptimizerState } from './optim/Optimizer.js';
export type { AdamOptions } from './optim/Adam.js';
export { Adam } from './optim/Adam.js';
export { Sgd } from './optim/Sgd.js';
export { restoreOptimizer } from './optim/restoreOptimizer.js';

// Samplers and chains
export * from './samplers/index.js';
export * from './chains/index.js';

// Training
export type { ChainStart, McmcMleOptions, TrainEvent, McmcMleState, StepOptions } from './train/McmcMle.js';
export { McmcMle } from './train/McmcMle.js';
export type { TrainableEnergy } from './train/TrainableEnergy.js';
export { TrainingDivergedError } from './train/TrainingDivergedError.js';
export type { SamplerWords } from './train/DivergenceGuard.js';
export { DivergenceGuard, allFinite, meanOfRange, l2Norm } from './train/DivergenceGuard.js';

// Data sets
export type { LabelledDigits } from './datasets/mnistDigits.js';
export { loadMnistDigits, mnistSplit, selectDigits, seededPermutation, MNIST_SPLIT, MNIST_SIDE } from './datasets/mnistDigits.js';

// Boltzmann machines: contrastive divergence, annealed importance sampling
export * from './rbm/index.js';

// Learning from incomplete data (recovery, inpainting)
export * from './recovery/index.js';

// Gaussian MRF references and the principal-axis box (generic pieces of recovery and synthesis)
export * from './reference/index.js';
export * from './constraints/index.js';
export * from './linalg/index.js';

// Model files and export
export type { ModelFileContents, ModelDomain } from './model/ModelFile.js';
export { MODEL_FORMAT_VERSION, encodeModelFile, decodeModelFile } from './model/ModelFile.js';
export { ModelFileError } from './model/ModelFileError.js';
export { saveModelFile, loadModelFile } from './model/modelIO.js';
export type { SaveModelOptions, LoadedModel } from './model/persistModel.js';
export { saveModel, loadModel } from './model/persistModel.js';
export { writeFileAtomic } from './model/atomicWrite.js';
export type { ExportOptions } from './export/exportOnnx.js';
export { exportOnnx, EXPORT_METADATA } from './export/exportOnnx.js';
export { OnnxEnergy, readMetadata } from './export/OnnxEnergy.js';
export type { ExportedSamplerSettings } from './export/exportedSampler.js';
export { FALLBACK_EXPORT_SAMPLER, exportedSamplerSettings } from './export/exportedSampler.js';
export type { NpyArray, NpyDtype, NpyEncodeOptions } from './io/npy.js';
export { readNpy, writeNpy, encodeNpy, decodeNpy, NpyError } from './io/npy.js';

// Benchmarks
export type { NetTiming, BenchOptions } from './bench/runBench.js';
export { runBench } from './bench/runBench.js';
export type { BenchMeasure } from './bench/benchFlops.js';
export { measureFlops, layerMacs } from './bench/benchFlops.js';
export type { GemmRateOptions } from './bench/gemmRate.js';
export { gemmRate } from './bench/gemmRate.js';
export type { MeasureProfile, ProfileEntry, ProfileOptions } from './bench/profileBench.js';
export { profileBench, profileNetwork } from './bench/profileBench.js';
export { formatProfile } from './bench/formatProfile.js';

// CLI building blocks shared by the domain CLIs
export type { OptionSpec, CommandSpec, ParsedOptions } from './cli/CommandSpec.js';
export { parseCommand, helpText, intOption, numberOption, UsageError } from './cli/CommandSpec.js';
export { ProgressBar } from './cli/ProgressBar.js';
export { runCli, dispatch } from './cli/runCli.js';
export { checkOutputPath } from './cli/checkOutputPath.js';
export { runPlaceholderCli } from './cli/placeholderCli.js';
