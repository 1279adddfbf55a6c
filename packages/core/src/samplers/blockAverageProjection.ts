import type { Constraint } from './Constraint.js';
import { SamplerError } from './SamplerError.js';

/** Layout of a block-average projection: 2 or 3 spatial dims padded to 3 (depth 1 for images). */
interface BlockLayout {
  n: number;
  c: number;
  /** spatial sizes (depth, height, width) of the full-resolution tensor */
  d: number;
  h: number;
  w: number;
  /** block sizes along (depth, height, width) */
  bd: number;
  bh: number;
  bw: number;
}

function blockLayout(shape: readonly number[], block: number | readonly number[], who: string): BlockLayout {
  if (shape.length !== 4 && shape.length !== 5) {
    throw new SamplerError(`${who}: shape [${shape}] must be [N, C, H, W] or [N, C, D, H, W]`);
  }
  const spatial = shape.slice(2);
  const blocks = typeof block === 'number' ? spatial.map(() => block) : [...block];
  if (blocks.length !== spatial.length) {
    throw new SamplerError(`${who}: ${blocks.length} block sizes for ${spatial.length} spatial dims (give one number or one per spatial dim)`);
  }
  spatial.forEach((s, k) => {
    if (!Number.isInteger(blocks[k]) || blocks[k] < 1 || s % blocks[k] !== 0) {
      throw new SamplerError(`${who}: block ${blocks[k]} does not divide spatial size ${s} of shape [${shape}] (crop or pad to a multiple)`);
    }
  });
  if (spatial.length === 2) {
    spatial.unshift(1);
    blocks.unshift(1);
  }
  return { n: shape[0], c: shape[1], d: spatial[0], h: spatial[1], w: spatial[2], bd: blocks[0], bh: blocks[1], bw: blocks[2] };
}

/** Sums each block of x into `sums` (float64, [N·C·d·h·w] low-res layout). */
function blockSums(x: Float32Array, L: BlockLayout, sums: Float64Array): void {
  const { n, c, d, h, w, bd, bh, bw } = L;
  const ld = d / bd, lh = h / bh, lw = w / bw;
  sums.fill(0);
  const hw = h * w;
  for (let nc = 0; nc < n * c; nc++) {
    const base = nc * d * hw;
    const lbase = nc * ld * lh * lw;
    for (let z = 0; z < d; z++) {
      const lz = (z / bd) | 0;
      for (let y = 0; y < h; y++) {
        const row = lbase + (lz * lh + ((y / bh) | 0)) * lw;
        const src = base + z * hw + y * w;
        for (let xx = 0; xx < w; xx++) sums[row + ((xx / bw) | 0)] += x[src + xx];
      }
    }
  }
}

/**
 * Block means of a tensor: the low-resolution image or volume that super-resolution keeps fixed.
 * @param x [N, C, H, W] or [N, C, D, H, W], flat
 * @param shape the full-resolution shape, including N and C
 * @param block block size per spatial dim (one number for all)
 * @returns [N, C, H/b, W/b] or [N, C, D/b, H/b, W/b], flat
 */
export function blockAverage(x: Float32Array, shape: readonly number[], block: number | readonly number[]): Float32Array {
  const L = blockLayout(shape, block, 'blockAverage');
  const full = L.n * L.c * L.d * L.h * L.w;
  if (x.length !== full) throw new SamplerError(`blockAverage: x has ${x.length} values, shape [${shape}] needs ${full}`);
  const sums = new Float64Array(full / (L.bd * L.bh * L.bw));
  blockSums(x, L, sums);
  const inv = 1 / (L.bd * L.bh * L.bw);
  const out = new Float32Array(sums.length);
  for (let i = 0; i < sums.length; i++) out[i] = sums[i] * inv;
  return out;
}

/**
 * Super-resolution constraint: after each step, adds to every entry of each block the difference between the
 * target low-resolution value and the block's current mean, so each block mean equals its target (to float32
 * rounding). This is the Euclidean projection onto {x : blockAverage(x) = target}.
 * @param shape full-resolution shape [N, C, H, W] or [N, C, D, H, W]
 * @param block block size per spatial dim (one number for all), dividing each spatial size
 * @param target low-resolution values [N, C, H/b, W/b] or [N, C, D/b, H/b, W/b], flat, in data units
 */
export function blockAverageProjection(shape: readonly number[], block: number | readonly number[], target: Float32Array): Constraint {
  const L = blockLayout(shape, block, 'blockAverageProjection');
  const full = L.n * L.c * L.d * L.h * L.w;
  const blockSize = L.bd * L.bh * L.bw;
  if (target.length !== full / blockSize) {
    throw new SamplerError(`blockAverageProjection: target has ${target.length} values, shape [${shape}] with block ${block} needs ${full / blockSize}`);
  }
  const sums = new Float64Array(target.length); // scratch, reused every step
  const { n, c, d, h, w, bd, bh, bw } = L;
  const ld = d / bd, lh = h / bh, lw = w / bw;
  const inv = 1 / blockSize;
  return {
    apply(x: Float32Array): void {
      if (x.length !== full) throw new SamplerError(`blockAverageProjection: state has ${x.length} values, shape [${shape}] needs ${full}`);
      blockSums(x, L, sums);
      for (let i = 0; i < sums.length; i++) sums[i] = target[i] - sums[i] * inv; // now the per-block correction
      const hw = h * w;
      for (let nc = 0; nc < n * c; nc++) {
        const base = nc * d * hw;
        const lbase = nc * ld * lh * lw;
        for (let z = 0; z < d; z++) {
          const lz = (z / bd) | 0;
          for (let y = 0; y < h; y++) {
            const row = lbase + (lz * lh + ((y / bh) | 0)) * lw;
            const dst = base + z * hw + y * w;
            for (let xx = 0; xx < w; xx++) x[dst + xx] += sums[row + ((xx / bw) | 0)];
          }
        }
      }
    },
  };
}
