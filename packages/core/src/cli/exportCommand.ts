import { exportOnnx } from '../export/exportOnnx.js';
import { loadModel } from '../model/persistModel.js';
import { writeFileAtomic } from '../model/atomicWrite.js';
import { checkOutputPath } from './checkOutputPath.js';
import { parseCommand } from './CommandSpec.js';

const spec = {
  name: 'ebm export',
  summary:
    'Writes a model file as one self-contained ONNX file: weights as initializers, input x [N, ...] with any batch N,\n' +
    'outputs energy [N] and grad_x (dE/dx), and metadata (spec, normalisation, sampler defaults).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file to export', required: true },
    out: { type: 'string', value: 'model.onnx', description: 'ONNX file to write', required: true },
  },
  examples: ['ebm export --model brick.ebm --out brick.onnx'],
} as const;

/** `ebm export`: see {@link spec}. */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const { model, contents } = await loadModel(o.model);
  const bytes = exportOnnx(model, { domain: contents.domain, normalisation: contents.normalisation, sampler: contents.sampler });
  await writeFileAtomic(o.out, bytes);
  await model.dispose();
  process.stderr.write(`wrote ${o.out} (${(bytes.length / 1024).toFixed(0)} KiB)\n`);
}
