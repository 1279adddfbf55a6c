// @ebm/voxel/meshing: grids to meshes, browser-safe (typed arrays and three.js; no Node API, no onnxruntime).
// `ebm-voxel mesh`, the package's renders and the viewer all draw grids through this code.
export type { VoxelGrid, CellBox } from './VoxelGrid.js';
export { gridOf } from './VoxelGrid.js';
export type { CubeFaces } from './culledCubes.js';
export { culledCubes } from './culledCubes.js';
export type { SurfaceMesh } from './surfaceNets.js';
export { surfaceNets } from './surfaceNets.js';
export type { MeshGeometryOptions } from './meshGeometry.js';
export { meshGeometry } from './meshGeometry.js';
export { cubesGeometry } from './cubesGeometry.js';
export { surfaceNetsGeometry } from './surfaceNetsGeometry.js';
