/** File extensions the viewer opens: voxel grids, meshes, and exported energy models (sampled live). */
export const VIEWER_FILE_TYPES = ['.npy', '.binvox', '.vox', '.glb', '.obj', '.stl', '.off', '.onnx'] as const;
