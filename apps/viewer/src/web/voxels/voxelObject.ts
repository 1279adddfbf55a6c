import { culledCubes, meshGeometry, surfaceNets } from '@ebm/voxel/meshing';
import {
  Box3,
  BoxGeometry,
  DoubleSide,
  EdgesGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Vector3,
} from 'three';
import type { VoxelGrid } from './VoxelGrid.js';
import { sliceBox, type VoxelView } from './VoxelView.js';

/** Voxel colour; corners are darkened by their ambient occlusion through vertex colours. */
export const VOXEL_COLOR = 0xe3a857;

const cubeMaterial = new MeshLambertMaterial({ color: VOXEL_COLOR, vertexColors: true });
const surfaceMaterial = new MeshStandardMaterial({ color: VOXEL_COLOR, roughness: 0.6, metalness: 0, side: DoubleSide });
const outlineMaterial = new LineBasicMaterial({ color: 0x4a5160 });
const cutMaterial = new LineBasicMaterial({ color: 0x6fa8ff });

/** A grid drawn by a view: the object to put in a tile, the box to frame, and what was drawn. */
export interface VoxelDrawing {
  object: Group;
  bounds: Box3;
  /** Cells with occupancy ≥ threshold inside the slice. */
  drawnVoxels: number;
  triangles: number;
}

/**
 * Builds the three.js object for a grid under a view: culled cubes or a surface-nets isosurface, the grid's outline, and when
 * slicing the outline of the cut. Units are cells (world x = d, y = h, z = w).
 */
export function voxelObject(grid: VoxelGrid, view: VoxelView): VoxelDrawing {
  const [D, H, W] = grid.shape;
  const box = sliceBox(grid.shape, view);
  // The voxel package's meshers, the same code as `ebm-voxel mesh` (--method cubes|surface).
  const mesh = view.mode === 'cubes' ? culledCubes(grid, view.threshold, box) : surfaceNets(grid, view.threshold, box);
  const object = new Group();
  object.add(new Mesh(meshGeometry(mesh, { occlusionColors: true }), view.mode === 'cubes' ? cubeMaterial : surfaceMaterial));
  const triangles = mesh.indices.length / 3;
  const outline = new LineSegments(new EdgesGeometry(new BoxGeometry(D, H, W)), outlineMaterial);
  outline.position.set(D / 2, H / 2, W / 2);
  object.add(outline);
  if (view.slice !== 'none') object.add(cutPlane(grid.shape, view.slice, box));
  const bounds = new Box3(new Vector3(0, 0, 0), new Vector3(D, H, W));
  return { object, bounds, drawnVoxels: mesh.drawnVoxels, triangles };
}

/** The outline of the grid's cross-section at the cut (a line, so it hides nothing and cannot z-fight the cut faces). */
function cutPlane(shape: readonly [number, number, number], axis: 'x' | 'y' | 'z', box: readonly number[]): LineSegments {
  const [D, H, W] = shape;
  const plane = new LineSegments(new EdgesGeometry(new PlaneGeometry(1, 1)), cutMaterial);
  if (axis === 'x') {
    plane.scale.set(W, H, 1);
    plane.rotation.y = Math.PI / 2;
    plane.position.set(box[0], H / 2, W / 2);
  } else if (axis === 'y') {
    plane.scale.set(D, W, 1);
    plane.rotation.x = -Math.PI / 2;
    plane.position.set(D / 2, box[1], W / 2);
  } else {
    plane.scale.set(D, H, 1);
    plane.position.set(D / 2, H / 2, box[2]);
  }
  return plane;
}
