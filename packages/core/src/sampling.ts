/**
 * `@ebm/core/sampling`: the browser-safe part of core (no Node APIs, no onnxruntime-node), for pages that sample an
 * exported model with another ONNX runtime (onnxruntime-web): seeded randomness, the samplers on an EnergyFn,
 * noise chain starts, and the exported model's metadata keys, reader and sampler settings.
 */
export type { RngState } from './random/Rng.js';
export { Rng } from './random/Rng.js';
export * from './samplers/index.js';
export type { NoiseInit } from './chains/noiseChains.js';
export { DEFAULT_NOISE, fillNoise, noiseChains } from './chains/noiseChains.js';
export { ChainError } from './chains/ChainError.js';
export { EXPORT_METADATA } from './export/exportMetadata.js';
export { readMetadata } from './export/readMetadata.js';
export type { ExportedSamplerSettings } from './export/exportedSampler.js';
export { FALLBACK_EXPORT_SAMPLER, exportedSamplerSettings } from './export/exportedSampler.js';
