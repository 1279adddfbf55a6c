import { checkOutputPath, parseCommand, UsageError } from '@ebm/core';
import { gridAt } from '../formats/VoxelBatch.js';
import { numberedFiles, readVoxelFile } from '../io/voxelFileIO.js';
import { writeMeshFiles } from '../io/writeMeshFiles.js';
import { thresholdOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel mesh',
  summary:
    'Turns a grid into a mesh file through three.js\'s exporters (.obj, .stl binary, .glb): --method cubes draws the\n' +
    'visible faces of the voxels at or above --threshold; --method surface the isosurface at --threshold (surface nets,\n' +
    'smooth for float grids). A batch writes name-0, name-1, …. Coordinates are voxel units, Y up.',
  options: {
    input: { type: 'string', value: 'grid', description: 'grid file (.npy, .binvox, .vox)', required: true },
    out: { type: 'string', value: 'file.obj|.stl|.glb', description: 'mesh file to write', required: true },
    method: { type: 'string', value: 'cubes|surface', description: 'culled cubes or isosurface', default: 'cubes' },
    threshold: { type: 'string', value: 't', description: 'occupancy level in (0, 1)', default: '0.5' },
  },
  examples: ['ebm-voxel mesh --input samples.npy --out sample.glb --method surface'],
} as const;

/** `ebm-voxel mesh`: see {@link spec}. */
export async function meshCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o.method !== 'cubes' && o.method !== 'surface') throw new UsageError(`--method ${o.method} must be cubes or surface`);
  const threshold = thresholdOption(o.threshold);
  await checkOutputPath(o.out);
  const batch = await readVoxelFile(o.input);
  const n = batch.shape[0];
  const files = await writeMeshFiles(numberedFiles(o.out, n), Array.from({ length: n }, (_, i) => gridAt(batch, i)), o.method, threshold);
  process.stderr.write(`wrote ${files.join(', ')}\n`);
}
