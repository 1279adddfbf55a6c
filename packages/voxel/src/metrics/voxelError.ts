import { OCCUPIED } from '../formats/VoxelBatch.js';

/**
 * Fraction of wrong voxels after thresholding both grids at ½, counted where `where` is nonzero (e.g. the missing
 * voxels) or everywhere.
 * @param where [size] or [N·size] selection; omitted = all voxels
 */
export function voxelErrorRate(predicted: Float32Array, truth: Float32Array, where?: Float32Array): number {
  let wrong = 0;
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    if (where && !where[i % where.length]) continue;
    total++;
    if (predicted[i] >= OCCUPIED !== truth[i] >= OCCUPIED) wrong++;
  }
  return total === 0 ? 0 : wrong / total;
}

/** Intersection over union of two grids thresholded at ½ (1 when both are empty). */
export function voxelIou(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] >= OCCUPIED;
    const y = b[i] >= OCCUPIED;
    if (x && y) inter++;
    if (x || y) union++;
  }
  return union === 0 ? 1 : inter / union;
}
