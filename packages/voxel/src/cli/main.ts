#!/usr/bin/env node
import { dispatch, runCli } from '@ebm/core';

await runCli('ebm-voxel', (argv) =>
  dispatch(
    'ebm-voxel',
    'The 3D shape descriptor net (Xie et al. 2018) on voxel grids: voxelize meshes, learn a kind of shape, synthesize,\nrecover and super-resolve shapes, mesh grids, export to ONNX.',
    {
      voxelize: { summary: 'mesh (.off, .obj, .stl) → solid voxel grid', run: async (a) => (await import('./voxelizeCommand.js')).voxelizeCommand(a) },
      train: { summary: 'learn a shape model from a folder of grids or meshes', run: async (a) => (await import('./trainCommand.js')).trainCommand(a) },
      synthesize: { summary: 'new shapes from a model', run: async (a) => (await import('./synthesizeCommand.js')).synthesizeCommand(a) },
      recover: { summary: 'fill missing voxels (model, learning, or the fill baseline)', run: async (a) => (await import('./recoverCommand.js')).recoverCommand(a) },
      'super-resolve': { summary: 'a finer grid from a coarse one (model, nearest or trilinear)', run: async (a) => (await import('./superResolveCommand.js')).superResolveCommand(a) },
      mesh: { summary: 'grid → mesh file (.obj, .stl, .glb) as cubes or an isosurface', run: async (a) => (await import('./meshCommand.js')).meshCommand(a) },
      shapes: { summary: 'generated shapes (boxes … chairs, mugs, lamps) as grids or meshes', run: async (a) => (await import('./shapesCommand.js')).shapesCommand(a) },
      export: { summary: 'model file → self-contained ONNX file', run: async (a) => (await import('./exportCommand.js')).exportCommand(a) },
    },
    argv,
  ),
);
