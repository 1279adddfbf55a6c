import { compileGraph } from '../compile/compileGraph.js';
import type { EnergyModel } from '../runtime/EnergyModel.js';
import { EXPORT_METADATA } from './exportMetadata.js';

export { EXPORT_METADATA };

/** What to write beside the graph. */
export interface ExportOptions {
  domain?: string;
  normalisation?: Record<string, unknown>;
  sampler?: { name: string; options: Record<string, unknown> };
}

/**
 * One self-contained ONNX file: weights baked in as initializers, input x [N, ...input] with a symbolic
 * batch N, outputs `energy` [N] and `grad_x` (dE/dx, same shape as x), and metadata holding the spec,
 * the data normalisation and sampler defaults, so any ONNX runtime can run Langevin sampling from it.
 */
export function exportOnnx(model: EnergyModel, opts: ExportOptions = {}): Uint8Array {
  const meta: Record<string, string> = {
    [EXPORT_METADATA.format]: 'ebm-energy-v1',
    [EXPORT_METADATA.spec]: JSON.stringify(model.spec),
    [EXPORT_METADATA.domain]: opts.domain ?? 'generic',
  };
  if (opts.normalisation) meta[EXPORT_METADATA.normalisation] = JSON.stringify(opts.normalisation);
  if (opts.sampler) meta[EXPORT_METADATA.sampler] = JSON.stringify(opts.sampler);
  return compileGraph(model.net, 1, 'inputGrad', { bakedParams: model.paramTensors, dynamicBatch: true, metadata: meta }).onnx;
}
