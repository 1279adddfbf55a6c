// @ebm/voxel/formats: pure, browser-safe codecs (bytes in, data out; no Node API, no onnxruntime).
export type { VoxelBatch } from './VoxelBatch.js';
export { gridAt, gridSize, OCCUPIED } from './VoxelBatch.js';
export type { TriangleMesh } from './TriangleMesh.js';
export { VoxelFormatError } from './VoxelFormatError.js';
export { decodeVoxelFile, encodeVoxelFile, parseMeshFile, extensionOf, VOXEL_EXTENSIONS, MESH_EXTENSIONS } from './voxelFiles.js';
export type { NpyVoxelOptions } from './npy/npyVoxels.js';
export { decodeNpyVoxels, encodeNpyVoxels } from './npy/npyVoxels.js';
export type { BinvoxPlacement } from './binvox/binvox.js';
export { decodeBinvox, encodeBinvox } from './binvox/binvox.js';
export { decodeVox, encodeVox } from './vox/vox.js';
export { parseOff } from './mesh/parseOff.js';
export { parseObj } from './mesh/parseObj.js';
export { parseStl } from './mesh/parseStl.js';
