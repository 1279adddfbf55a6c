import { checkOutputPath, intOption, parseCommand, UsageError } from '@ebm/core';
import { writeVoxelFile, readMeshFile } from '../io/voxelFileIO.js';
import { voxelizeMesh } from '../voxelize/voxelizeMesh.js';
import { UP_OPTION, upOption } from './commonOptions.js';

const spec = {
  name: 'ebm-voxel voxelize',
  summary:
    'Voxelizes a mesh (OFF/COFF/NOFF, OBJ, ASCII or binary STL) into a solid grid: fitted into R³ with a margin, proportions\n' +
    'kept, up axis to Y. A voxel is filled when its centre is inside some part of the mesh by at least 4 of 6 axis rays\n' +
    '(ray parity per connected part: overlapping parts stay solid, small holes do no harm); parts thinner than about two\n' +
    'voxels also keep the voxels their surface passes through.',
  positionals: '<mesh.off|.obj|.stl>',
  options: {
    resolution: { type: 'string', value: 'R', description: 'grid side', default: '32' },
    out: { type: 'string', value: 'grid.npy|.binvox|.vox', description: 'grid file to write', required: true },
    up: UP_OPTION,
    margin: { type: 'string', value: 'M', description: 'empty voxels on each side of the longest extent', default: '1' },
  },
  examples: ['ebm-voxel voxelize chair.obj --resolution 32 --out chair.binvox', 'ebm-voxel voxelize bathtub_0001.off --up z --out bathtub.npy'],
} as const;

/** `ebm-voxel voxelize`: see {@link spec}. */
export async function voxelizeCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (o._.length !== 1) throw new UsageError(`give one mesh file (see ebm-voxel voxelize --help)`);
  const resolution = intOption('resolution', o.resolution, 2)!;
  if (resolution > 512) throw new UsageError(`--resolution ${resolution} is above 512`);
  const margin = intOption('margin', o.margin, 0)!;
  if (2 * margin >= resolution) throw new UsageError(`--margin ${margin} leaves no room in a grid of ${resolution}`);
  await checkOutputPath(o.out);
  const mesh = await readMeshFile(o._[0]);
  const grid = voxelizeMesh(mesh, resolution, { up: upOption(o.up), margin });
  const filled = grid.data.reduce((s, v) => s + v, 0);
  await writeVoxelFile(o.out, grid);
  process.stderr.write(`wrote ${o.out} (${resolution}³, ${filled} of ${grid.data.length} voxels filled, from ${mesh.indices.length / 3} triangles)\n`);
}
