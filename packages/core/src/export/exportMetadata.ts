/** Metadata keys of an exported model (ONNX metadata_props). Browser-safe: no Node or onnxruntime imports. */
export const EXPORT_METADATA = {
  spec: 'ebm.spec',
  normalisation: 'ebm.normalisation',
  sampler: 'ebm.sampler',
  domain: 'ebm.domain',
  format: 'ebm.format',
} as const;
