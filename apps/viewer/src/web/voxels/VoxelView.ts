/** Slicing axis: cut the grid by an axis-aligned plane and keep the part below it ('none': no cut). */
export type SliceAxis = 'none' | 'x' | 'y' | 'z';

/** How grids are drawn; shared by every tile of the gallery. */
export interface VoxelView {
  /** A voxel is drawn when its occupancy is ≥ threshold. */
  threshold: number;
  /** Culled unit cubes, or an isosurface at the threshold (surface nets), as `ebm-voxel mesh --method cubes|surface`. */
  mode: 'cubes' | 'surface';
  slice: SliceAxis;
  /** Where the plane cuts, as a fraction of the grid's extent along the axis: cells with index < ⌈f·size⌉ stay. */
  slicePosition: number;
}

/** [dEnd, hEnd, wEnd]: the box of cells kept by the view's slice (exclusive ends). */
export function sliceBox(shape: readonly [number, number, number], view: Pick<VoxelView, 'slice' | 'slicePosition'>): [number, number, number] {
  const box: [number, number, number] = [shape[0], shape[1], shape[2]];
  const axis = { none: -1, x: 0, y: 1, z: 2 }[view.slice];
  if (axis >= 0) box[axis] = Math.min(shape[axis], Math.max(0, Math.ceil(view.slicePosition * shape[axis])));
  return box;
}
