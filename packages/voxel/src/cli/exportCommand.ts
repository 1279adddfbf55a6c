import { checkOutputPath, exportOnnx, parseCommand, writeFileAtomic } from '@ebm/core';
import { loadVoxelModel } from '../model/voxelModelFile.js';
import { occupancyRange } from '../model/VoxelModel.js';

const spec = {
  name: 'ebm-voxel export',
  summary:
    'Writes a voxel model as one self-contained ONNX file (core\'s export, domain voxel): input x [N, 1, R, R, R] in\n' +
    'network units (occupancy − the training mean, metadata ebm.normalisation), outputs energy [N] and grad_x, and the\n' +
    'Langevin settings (with the clamp to the occupancy range), so any ONNX runtime can sample shapes.',
  options: {
    model: { type: 'string', value: 'model.ebm', description: 'model file to export', required: true },
    out: { type: 'string', value: 'model.onnx', description: 'ONNX file to write', required: true },
  },
  examples: ['ebm-voxel export --model chairs.ebm --out chairs.onnx'],
} as const;

/** `ebm-voxel export`: see {@link spec}. */
export async function exportCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  await checkOutputPath(o.out);
  const m = await loadVoxelModel(o.model);
  const bytes = exportOnnx(m.model, {
    domain: 'voxel',
    normalisation: { offset: -m.mean },
    // The clamp keeps chains in the occupancy range [0, 1], as training does; without it they run off.
    sampler: { name: 'langevin', options: { steps: m.preset.steps, stepSize: m.preset.stepSize, clamp: occupancyRange(m), init: { kind: 'gaussian', mean: 0, std: 1 } } },
  });
  await m.model.dispose();
  await writeFileAtomic(o.out, bytes);
  process.stderr.write(`wrote ${o.out} (${(bytes.length / 1024).toFixed(0)} KiB)\n`);
}
