import type { VoxelBatch } from './VoxelBatch.js';
import type { TriangleMesh } from './TriangleMesh.js';
import { VoxelFormatError } from './VoxelFormatError.js';
import { decodeNpyVoxels, encodeNpyVoxels, type NpyVoxelOptions } from './npy/npyVoxels.js';
import { decodeBinvox, encodeBinvox } from './binvox/binvox.js';
import { decodeVox, encodeVox } from './vox/vox.js';
import { parseOff } from './mesh/parseOff.js';
import { parseObj } from './mesh/parseObj.js';
import { parseStl } from './mesh/parseStl.js';

/** Extensions of voxel grid files, lower case with the dot. */
export const VOXEL_EXTENSIONS = ['.npy', '.binvox', '.vox'] as const;

/** Extensions of mesh files read, lower case with the dot. */
export const MESH_EXTENSIONS = ['.off', '.obj', '.stl'] as const;

/** The lower-case extension of a file name, with the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * Decodes a voxel grid file chosen by its extension: .npy (one grid or a batch), .binvox or .vox (one grid).
 * @param fileName the file's name (or path), used for the extension and in error messages
 * @returns occupancies in [0, 1], [N, D, H, W], C order; grid[d][h][w] is the cube at world (x = d, y = h, z = w), Y up
 * @throws VoxelFormatError naming the file and the problem
 */
export function decodeVoxelFile(fileName: string, bytes: Uint8Array): VoxelBatch {
  switch (extensionOf(fileName)) {
    case '.npy':
      return decodeNpyVoxels(bytes, fileName);
    case '.binvox':
      return decodeBinvox(bytes, fileName);
    case '.vox':
      return decodeVox(bytes, fileName);
    default:
      throw new VoxelFormatError(`${fileName}: unknown voxel file type '${extensionOf(fileName)}'; use ${VOXEL_EXTENSIONS.join(', ')}`);
  }
}

/**
 * Encodes a batch into the format named by the file's extension: .npy (any batch; `npy` options apply), .binvox or
 * .vox (one grid; filled where occupancy ≥ 0.5).
 * @throws VoxelFormatError for an unknown extension or a batch the format cannot hold
 */
export function encodeVoxelFile(fileName: string, batch: VoxelBatch, npy: NpyVoxelOptions = {}): Uint8Array {
  try {
    switch (extensionOf(fileName)) {
      case '.npy':
        return encodeNpyVoxels(batch, npy);
      case '.binvox':
        return encodeBinvox(batch);
      case '.vox':
        return encodeVox(batch);
      default:
        throw new VoxelFormatError(`unknown voxel file type '${extensionOf(fileName)}'; use ${VOXEL_EXTENSIONS.join(', ')}`);
    }
  } catch (e) {
    if (e instanceof VoxelFormatError) throw new VoxelFormatError(`cannot write ${fileName}: ${e.message}`);
    throw e;
  }
}

/**
 * Parses a mesh file chosen by its extension: .off (OFF, COFF, NOFF), .obj, .stl (ASCII or binary).
 * @param fileName the file's name (or path), used for the extension and in error messages
 * @returns positions [V·3] in the file's units and axes, triangle indices [F·3]
 * @throws VoxelFormatError naming the file and the problem (bad header, truncated, NaN coordinates, faces naming
 *   missing vertices, no faces)
 */
export function parseMeshFile(fileName: string, bytes: Uint8Array): TriangleMesh {
  switch (extensionOf(fileName)) {
    case '.off':
      return parseOff(bytes, fileName);
    case '.obj':
      return parseObj(bytes, fileName);
    case '.stl':
      return parseStl(bytes, fileName);
    default:
      throw new VoxelFormatError(`${fileName}: unknown mesh file type '${extensionOf(fileName)}'; use ${MESH_EXTENSIONS.join(', ')}`);
  }
}
