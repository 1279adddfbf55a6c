import type { Box3, Object3D } from 'three';
import type { VoxelGrid } from '../voxels/VoxelGrid.js';

/** Something the gallery shows in one tile: a voxel grid (drawn by the current view) or a ready mesh. */
export type LoadedItem =
  | { kind: 'grid'; name: string; grid: VoxelGrid }
  | { kind: 'mesh'; name: string; object: Object3D; bounds: Box3; triangles: number };

/** An exported energy model (.onnx) opened for live sampling. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** A file the page could not read; `message` is one line that names the file. */
export class FileLoadError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message.includes(fileName) ? message : `${fileName}: ${message}`);
    this.name = 'FileLoadError';
  }
}
