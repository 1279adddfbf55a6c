import { checkOutputPath, intOption, parseCommand, UsageError, writeFileAtomic } from '@ebm/core';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import { extensionOf, VOXEL_EXTENSIONS } from '../formats/voxelFiles.js';
import { numberedFiles, writeVoxelFile } from '../io/voxelFileIO.js';
import { meshFileBytes, MESH_OUT_EXTENSIONS } from '../meshing/meshFile.js';
import { SHAPE_CLASSES, shapeMeshes, type ShapeClass } from '../shapes/shapeClasses.js';
import { voxelizeMesh } from '../voxelize/voxelizeMesh.js';
import { SEED_OPTION, seedOption } from './commonOptions.js';

/** Plurals that are not the name + s. */
const PLURAL: Record<string, string> = { box: 'boxes', torus: 'tori' };

const spec = {
  name: 'ebm-voxel shapes',
  summary:
    'Writes generated shapes of one class with random proportions, to train and test on: boxes, spheres (ellipsoids),\n' +
    'cylinders, tori, and tables, chairs, mugs and lamps built from parts. Grids (.npy: one batch; .binvox/.vox: one\n' +
    'file per shape, name-0, name-1, …) are voxelized at --resolution; .obj/.stl/.glb write the meshes (Y up).',
  options: {
    kind: { type: 'string', value: SHAPE_CLASSES.join('|'), description: 'shape class', required: true },
    count: { type: 'string', value: 'N', description: 'number of shapes', default: '8' },
    out: { type: 'string', value: 'file.npy|.binvox|.vox|.obj|.stl|.glb', description: 'output file (numbered for several)', required: true },
    resolution: { type: 'string', value: 'R', description: 'grid side for grid outputs', default: '32' },
    seed: SEED_OPTION,
  },
  examples: ['ebm-voxel shapes --kind chair --count 16 --out chairs/chair.binvox', 'ebm-voxel shapes --kind mug --count 4 --out mug.obj'],
} as const;

/** `ebm-voxel shapes`: see {@link spec}. */
export async function shapesCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!(SHAPE_CLASSES as readonly string[]).includes(o.kind)) throw new UsageError(`--kind ${o.kind} is not a shape class; use one of ${SHAPE_CLASSES.join(', ')}`);
  const count = intOption('count', o.count, 1)!;
  const resolution = intOption('resolution', o.resolution, 2)!;
  if (resolution > 512) throw new UsageError(`--resolution ${resolution} is above 512`);
  const ext = extensionOf(o.out);
  const grid = (VOXEL_EXTENSIONS as readonly string[]).includes(ext);
  if (!grid && !(MESH_OUT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UsageError(`--out ${o.out}: write ${[...VOXEL_EXTENSIONS, ...MESH_OUT_EXTENSIONS].join(', ')}`);
  }
  await checkOutputPath(o.out);
  const meshes = shapeMeshes(o.kind as ShapeClass, count, seedOption(o.seed));
  let files: string[];
  if (grid) {
    const R = resolution;
    const data = new Float32Array(count * R ** 3);
    meshes.forEach((m, i) => data.set(voxelizeMesh(m, R).data, i * R ** 3));
    files = await writeVoxelFile(o.out, { shape: [count, R, R, R], data });
  } else {
    files = numberedFiles(o.out, count);
    const bytes: Uint8Array[] = [];
    for (const m of meshes) {
      const geometry = new BufferGeometry();
      geometry.setAttribute('position', new Float32BufferAttribute(m.positions, 3));
      geometry.setIndex(Array.from(m.indices));
      geometry.computeVertexNormals();
      bytes.push(await meshFileBytes(geometry, o.out));
    }
    for (let i = 0; i < files.length; i++) await writeFileAtomic(files[i], bytes[i]);
  }
  process.stderr.write(`wrote ${files.length === 1 ? files[0] : `${files[0]} … ${files[files.length - 1]}`} (${count} ${count === 1 ? o.kind : (PLURAL[o.kind] ?? `${o.kind}s`)})\n`);
}
