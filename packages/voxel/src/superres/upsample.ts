import type { VoxelBatch } from '../formats/VoxelBatch.js';

/** The two classical upsamplings the super-resolution is compared with. */
export type UpsampleMethod = 'nearest' | 'trilinear';

/**
 * Upsamples grids by an integer factor: 'nearest' repeats each coarse voxel s³ times; 'trilinear' interpolates the
 * coarse values at the fine voxel centres (coarse voxel centres at (i + ½)·s, edges clamped), like PyTorch's
 * `interpolate(mode='trilinear', align_corners=False)`.
 * @param coarse [N, D, H, W]
 * @returns [N, s·D, s·H, s·W]
 */
export function upsample(coarse: VoxelBatch, scale: number, method: UpsampleMethod): VoxelBatch {
  const [n, D, H, W] = coarse.shape;
  const [FD, FH, FW] = [D * scale, H * scale, W * scale];
  const out = new Float32Array(n * FD * FH * FW);
  // Per fine index along an axis: the two coarse neighbours and the weight of the upper one.
  const axis = (size: number) => {
    const lo = new Int32Array(size * scale);
    const hi = new Int32Array(size * scale);
    const t = new Float32Array(size * scale);
    for (let f = 0; f < size * scale; f++) {
      if (method === 'nearest') {
        lo[f] = hi[f] = Math.floor(f / scale);
        continue;
      }
      const c = (f + 0.5) / scale - 0.5;
      const c0 = Math.floor(c);
      lo[f] = Math.min(size - 1, Math.max(0, c0));
      hi[f] = Math.min(size - 1, Math.max(0, c0 + 1));
      t[f] = c - c0;
    }
    return { lo, hi, t };
  };
  const [ad, ah, aw] = [axis(D), axis(H), axis(W)];
  for (let g = 0; g < n; g++) {
    const src = coarse.data.subarray(g * D * H * W);
    const at = (d: number, h: number, w: number): number => src[(d * H + h) * W + w];
    let o = g * FD * FH * FW;
    for (let d = 0; d < FD; d++) {
      for (let h = 0; h < FH; h++) {
        for (let w = 0; w < FW; w++) {
          const [td, th, tw] = [ad.t[d], ah.t[h], aw.t[w]];
          let v = 0;
          for (const [dd, wd] of [[ad.lo[d], 1 - td], [ad.hi[d], td]]) {
            if (wd === 0) continue;
            for (const [hh, wh] of [[ah.lo[h], 1 - th], [ah.hi[h], th]]) {
              if (wh === 0) continue;
              for (const [ww, wgt] of [[aw.lo[w], 1 - tw], [aw.hi[w], tw]]) if (wgt !== 0) v += wd * wh * wgt * at(dd, hh, ww);
            }
          }
          out[o++] = v;
        }
      }
    }
  }
  return { shape: [n, FD, FH, FW], data: out };
}

/**
 * Block averages of grids: the coarse grid a fine one reduces to (each coarse voxel the mean occupancy of its s³
 * block), as the paper makes its low-resolution inputs.
 * @returns [N, D/s, H/s, W/s]
 */
export function downsample(fine: VoxelBatch, scale: number): VoxelBatch {
  const [n, D, H, W] = fine.shape;
  const [cd, ch, cw] = [D / scale, H / scale, W / scale];
  const out = new Float32Array(n * cd * ch * cw);
  const inv = 1 / scale ** 3;
  for (let g = 0; g < n; g++) {
    for (let d = 0; d < D; d++) {
      for (let h = 0; h < H; h++) {
        for (let w = 0; w < W; w++) {
          out[((g * cd + Math.floor(d / scale)) * ch + Math.floor(h / scale)) * cw + Math.floor(w / scale)] += fine.data[((g * D + d) * H + h) * W + w] * inv;
        }
      }
    }
  }
  return { shape: [n, cd, ch, cw], data: out };
}
