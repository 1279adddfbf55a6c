import { checkOutputPath, parseCommand, writeFileAtomic } from '@ebm/core';
import { exportImageModel } from '../model/exportImageModel.js';
import { loadImageModel } from '../model/loadImageModel.js';

const spec = {
  name: 'ebm-image export',
  summary:
    'Writes an image model as one self-contained ONNX file: input x [N, C, H, W] in network units ([−1, 1]), outputs\n' +
    'energy [N] and grad_x (dE/dx), metadata with the normalisation and sampler settings, so any ONNX runtime\n' +
    '(Python, C++, onnxruntime-web) can run Langevin sampling. The smooth reference (metadata ebm.sampler\n' +
    '"smoothness": a number λ or a C×C matrix P) is added by the consumer: grad_x + P·(Lx) per pixel,\n' +
    'L the 4-neighbour graph Laplacian.',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file to export', required: true },
    out: { type: 'string', value: 'model.onnx', description: 'ONNX file to write', required: true },
  },
  examples: ['ebm-image export --model brick.ebm --out brick.onnx'],
} as const;

/** `ebm-image export`: see {@link spec}. */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const m = await loadImageModel(o.model);
  const bytes = exportImageModel(m);
  await m.model.dispose();
  await writeFileAtomic(o.out, bytes);
  process.stderr.write(`wrote ${o.out} (${(bytes.length / 1024).toFixed(0)} KiB)\n`);
}
