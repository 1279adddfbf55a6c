/**
 * @ebm/voxel — the 3D shape descriptor net of Xie et al. (CVPR 2018) on voxel grids: formats, voxelization,
 * generated shapes, the `shape` preset, training, synthesis, recovery, super-resolution, meshing and renders.
 * Grids are [N, D, H, W] occupancies in [0, 1]; grid[d][h][w] is the unit cube at world (x = d, y = h, z = w), Y up.
 * The browser-safe codecs alone are `@ebm/voxel/formats`; the browser-safe meshers `@ebm/voxel/meshing`.
 */
export * from './formats/index.js';

// Meshes to grids, generated shapes
export type { UpAxis, FitOptions } from './voxelize/fitToGrid.js';
export { fitToGrid } from './voxelize/fitToGrid.js';
export type { VoxelizeOptions } from './voxelize/voxelizeMesh.js';
export { voxelizeMesh } from './voxelize/voxelizeMesh.js';
export type { Vec3 } from './shapes/primitives.js';
export { boxMesh, icosphereMesh, cylinderMesh, torusMesh, latheMesh, mergeMeshes, meshVolume } from './shapes/primitives.js';
export type { ShapeClass } from './shapes/shapeClasses.js';
export { SHAPE_CLASSES, shapeMesh, shapeMeshes } from './shapes/shapeClasses.js';

// Grids to meshes and pictures
export type { VoxelGrid, CellBox, CubeFaces, SurfaceMesh, MeshGeometryOptions } from './meshing/index.js';
export { gridOf, culledCubes, surfaceNets, meshGeometry, cubesGeometry, surfaceNetsGeometry } from './meshing/index.js';
export { meshFileBytes, MESH_OUT_EXTENSIONS } from './meshing/meshFile.js';
export type { RgbImage, RenderOptions } from './render/renderGeometry.js';
export { renderGeometry, imageSheet } from './render/renderGeometry.js';
export { encodePng } from './render/encodePng.js';

// Model, training, synthesis
export type { ShapePresetOptions, ShapePreset } from './model/shapePreset.js';
export { shapePreset, shapeNetwork, shapeSampler, shapeDescent } from './model/shapePreset.js';
export type { VoxelModel } from './model/VoxelModel.js';
export { toNetwork, toOccupancy, occupancyRange, modelResolution } from './model/VoxelModel.js';
export { GridSizeError } from './model/GridSizeError.js';
export { saveVoxelModel, loadVoxelModel } from './model/voxelModelFile.js';
export type { CreateOptions, TrainProgress } from './training/trainVoxelModel.js';
export { createVoxelModel, trainVoxelModel, assertGridSize } from './training/trainVoxelModel.js';
export type { SynthesizeOptions } from './synthesis/synthesizeShapes.js';
export { synthesizeShapes } from './synthesis/synthesizeShapes.js';

// Recovery and super-resolution
export { fillBaseline } from './recovery/fillBaseline.js';
export { randomVoxelMask, observedIndicator, assertMaskFits } from './recovery/VoxelMask.js';
export type { RecoverOptions } from './recovery/recoverShapes.js';
export { recoverShapes } from './recovery/recoverShapes.js';
export type { LearnedRecoveryOptions } from './recovery/recoverByLearning.js';
export { recoverByLearning } from './recovery/recoverByLearning.js';
export type { UpsampleMethod } from './superres/upsample.js';
export { upsample, downsample } from './superres/upsample.js';
export type { SuperResolveOptions } from './superres/superResolve.js';
export { superResolve } from './superres/superResolve.js';
export { blockRounding } from './superres/blockRounding.js';
export { voxelErrorRate, voxelIou } from './metrics/voxelError.js';

// Files on disk (Node)
export { readBytes, readVoxelFile, readMeshFile, writeVoxelFile, numberedFiles } from './io/voxelFileIO.js';
export type { MeshMethod } from './io/writeMeshFiles.js';
export { writeMeshFiles } from './io/writeMeshFiles.js';
export type { TrainingFolderOptions } from './io/readTrainingFolder.js';
export { readTrainingFolder } from './io/readTrainingFolder.js';
