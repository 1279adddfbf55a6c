import type { VoxelBatch } from '../formats/VoxelBatch.js';
import { assertMaskFits } from './VoxelMask.js';

/**
 * The classical baseline for missing voxels: each missing voxel takes the majority of the observed voxels around it
 * (mean occupancy ≥ ½ in its 3×3×3 neighbourhood; 5×5×5, 7×7×7, … when none of those is observed). Observed voxels
 * stay as given.
 * @param grids [N, D, H, W] occupancies (values under the mask are ignored)
 * @param mask [D, H, W] (the same for every grid) or [N, D, H, W]; 1 = missing, 0 = observed
 * @param options.soft keep the neighbourhood mean itself in [0, 1] (thresholded at ½ it is the baseline)
 * @returns grids with missing voxels 0 or 1 (the mean when `soft`)
 */
export function fillBaseline(grids: VoxelBatch, mask: Float32Array, options: { soft?: boolean } = {}): VoxelBatch {
  const soft = options.soft === true;
  assertMaskFits(grids, mask);
  const [n, D, H, W] = grids.shape;
  const size = D * H * W;
  const out = grids.data.slice();
  for (let g = 0; g < n; g++) {
    const base = g * size;
    const mbase = mask.length === size ? 0 : base;
    for (let d = 0; d < D; d++) {
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++) {
          const i = (d * H + h) * W + w;
          if (!mask[mbase + i]) continue;
          for (let r = 1; ; r++) {
            let sum = 0;
            let count = 0;
            for (let a = Math.max(0, d - r); a <= Math.min(D - 1, d + r); a++) {
              for (let b = Math.max(0, h - r); b <= Math.min(H - 1, h + r); b++) {
                for (let c = Math.max(0, w - r); c <= Math.min(W - 1, w + r); c++) {
                  const j = (a * H + b) * W + c;
                  if (!mask[mbase + j]) {
                    sum += grids.data[base + j];
                    count++;
                  }
                }
              }
            }
            if (count > 0 || r > Math.max(D, H, W)) {
              const mean = count > 0 ? sum / count : 0;
              out[base + i] = soft ? mean : mean >= 0.5 ? 1 : 0;
              break;
            }
          }
        }
      }
    }
  }
  return { shape: grids.shape, data: out };
}
