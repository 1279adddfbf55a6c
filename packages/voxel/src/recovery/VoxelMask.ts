import { Rng } from '@ebm/core/sampling';
import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { GridSizeError } from '../model/GridSizeError.js';

/**
 * Checks that a missing-voxel mask fits a batch: [D, H, W] (one mask for all grids) or [N, D, H, W].
 * @throws GridSizeError naming both sizes
 */
export function assertMaskFits(grids: VoxelBatch, mask: Float32Array, maskShape?: readonly number[]): void {
  const [n, d, h, w] = grids.shape;
  const size = d * h * w;
  if (mask.length !== size && mask.length !== n * size) {
    const shown = maskShape ? maskShape.join('×') : `${mask.length} voxels`;
    throw new GridSizeError(`the mask is ${shown}, but the grid is ${d}×${h}×${w}${n > 1 ? ` (×${n})` : ''} (give a mask of the grid's size)`);
  }
}

/**
 * A mask with exactly round(fraction·D·H·W) voxels missing, chosen uniformly at random (as the paper corrupts its
 * test shapes).
 * @returns [D·H·W], 1 = missing
 */
export function randomVoxelMask(size: number, fraction: number, rng: Rng): Float32Array {
  const mask = new Float32Array(size);
  const order = Array.from({ length: size }, (_, i) => i);
  const missing = Math.round(fraction * size);
  for (let i = 0; i < missing; i++) {
    const j = i + rng.int(size - i);
    [order[i], order[j]] = [order[j], order[i]];
    mask[order[i]] = 1;
  }
  return mask;
}

/** The observed indicator core's observedMask takes (1 = observed), from a missing-voxel mask (1 = missing). */
export function observedIndicator(mask: Float32Array): Float32Array {
  return mask.map((v) => (v ? 0 : 1));
}
