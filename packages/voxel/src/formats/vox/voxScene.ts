import { VoxelFormatError } from '../VoxelFormatError.js';

/** One model of a .vox file: its box size and its voxels as x, y, z, colour index quadruples. */
export interface VoxModel {
  size: [number, number, number];
  /** [count·4] x, y, z, colour index. */
  xyzi: Uint8Array;
}

/** A node of MagicaVoxel's scene graph (nTRN transform, nGRP group, nSHP shape). */
export type VoxNode =
  | { type: 'transform'; child: number; translation: [number, number, number]; rotation: number }
  | { type: 'group'; children: number[] }
  | { type: 'shape'; models: number[] };

/** A model placed in the scene: world = translation + R·(local − floor(size / 2)), R a signed permutation. */
export interface PlacedModel {
  model: number;
  /** Row-major 3×3 signed permutation matrix. */
  rotation: number[];
  translation: [number, number, number];
}

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/**
 * MagicaVoxel's rotation byte: bits 0–1 the column of row 0's nonzero entry, bits 2–3 that of row 1 (row 2 takes the
 * remaining column), bits 4–6 the signs of rows 0–2 (1 = negative). Returns a row-major 3×3 matrix, or null when
 * the byte does not describe a permutation.
 */
export function rotationMatrix(byte: number): number[] | null {
  const c0 = byte & 3;
  const c1 = (byte >> 2) & 3;
  if (c0 === 3 || c1 === 3 || c0 === c1) return null;
  const c2 = 3 - c0 - c1;
  const m = new Array<number>(9).fill(0);
  m[c0] = (byte >> 4) & 1 ? -1 : 1;
  m[3 + c1] = (byte >> 5) & 1 ? -1 : 1;
  m[6 + c2] = (byte >> 6) & 1 ? -1 : 1;
  return m;
}

function multiply(a: number[], b: number[]): number[] {
  const m = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
  return m;
}

function apply(m: number[], v: readonly number[]): [number, number, number] {
  return [m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2], m[6] * v[0] + m[7] * v[1] + m[8] * v[2]];
}

/**
 * Every model instance of the scene graph rooted at node 0 with its world transform (transforms compose from the
 * root down). Without a scene graph (files of version 150 from older tools), each model sits at the origin.
 * @throws VoxelFormatError for a node that is missing, a cycle, or a model that does not exist
 */
export function placeModels(nodes: Map<number, VoxNode>, modelCount: number, file: string): PlacedModel[] {
  if (nodes.size === 0) {
    return Array.from({ length: modelCount }, (_, model) => ({ model, rotation: IDENTITY, translation: [0, 0, 0] as [number, number, number] }));
  }
  const placed: PlacedModel[] = [];
  const visiting = new Set<number>();
  const visit = (id: number, rotation: number[], translation: [number, number, number]): void => {
    const node = nodes.get(id);
    if (!node) throw new VoxelFormatError(`${file} is corrupt: its scene graph names node ${id}, which does not exist`);
    if (visiting.has(id)) throw new VoxelFormatError(`${file} is corrupt: its scene graph has a cycle through node ${id}`);
    visiting.add(id);
    if (node.type === 'transform') {
      const r = rotationMatrix(node.rotation);
      if (!r) throw new VoxelFormatError(`${file} is corrupt: node ${id} has the rotation byte ${node.rotation}`);
      const t = apply(rotation, node.translation);
      visit(node.child, multiply(rotation, r), [translation[0] + t[0], translation[1] + t[1], translation[2] + t[2]]);
    } else if (node.type === 'group') {
      for (const child of node.children) visit(child, rotation, translation);
    } else {
      for (const model of node.models) {
        if (model < 0 || model >= modelCount) throw new VoxelFormatError(`${file} is corrupt: node ${id} shows model ${model}, but the file has ${modelCount}`);
        placed.push({ model, rotation, translation });
      }
    }
    visiting.delete(id);
  };
  visit(0, IDENTITY, [0, 0, 0]);
  return placed;
}

/** World position of a model voxel under a placement (MagicaVoxel pivots a model on floor(size / 2)). */
export function worldVoxel(p: PlacedModel, size: readonly number[], x: number, y: number, z: number): [number, number, number] {
  const local = [x - Math.floor(size[0] / 2), y - Math.floor(size[1] / 2), z - Math.floor(size[2] / 2)];
  const w = apply(p.rotation, local);
  return [w[0] + p.translation[0], w[1] + p.translation[1], w[2] + p.translation[2]];
}
