import { checkOutputPath, parseCommand, UsageError } from '@ebm/core';
import { exportVideoModel } from '../model/exportVideoModel.js';
import { loadVideoModel } from '../model/loadVideoModel.js';

const spec = {
  name: 'ebm-video export',
  summary:
    'Writes a model file as one self-contained ONNX file: input x [N, C, T, H, W] in [−1, 1], outputs energy [N] and\n' +
    'grad_x (dE/dx), metadata ebm.domain = video, the normalisation and the sampler (with the space-time reference\'s\n' +
    'precisions, whose gradient a consumer adds).',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file from ebm-video train', required: true },
    out: { type: 'string', value: 'model.onnx', description: 'ONNX file to write', required: true },
  },
  examples: ['ebm-video export --model ripples.ebm --out ripples.onnx'],
} as const;

/** `ebm-video export`: see {@link spec}. */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!o.out.toLowerCase().endsWith('.onnx')) throw new UsageError(`--out ${o.out}: export writes ONNX; give a .onnx file name`);
  await checkOutputPath(o.out);
  const m = await loadVideoModel(o.model);
  try {
    await exportVideoModel(o.out, m);
  } finally {
    await m.model.dispose();
  }
  process.stderr.write(`wrote ${o.out} (energy and grad_x for x [N, ${m.channels}, T, H, W])\n`);
}
