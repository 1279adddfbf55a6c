import { Rng } from '../random/Rng.js';
import type { ParamInfo } from './NetworkSpec.js';
import { shapeSize } from './resolveNetwork.js';

/**
 * Seeded He (Kaiming normal) initialisation: weights ~ N(0, 2/fanIn), biases 0.
 * Returns one flat Float32Array holding all parameters in order (the layout of {@link ParamInfo}s).
 */
export function initParams(params: ParamInfo[], seed: number): Float32Array {
  const total = params.reduce((a, p) => a + shapeSize(p.shape), 0);
  const theta = new Float32Array(total);
  const rng = new Rng(seed);
  let off = 0;
  for (const p of params) {
    const n = shapeSize(p.shape);
    if (p.fanIn > 0) rng.fillNormal(theta.subarray(off, off + n), 0, Math.sqrt(2 / p.fanIn));
    off += n;
  }
  return theta;
}

/** Views into a flat parameter vector, one per parameter, in order. */
export function paramViews(params: ParamInfo[], theta: Float32Array): Float32Array[] {
  const views: Float32Array[] = [];
  let off = 0;
  for (const p of params) {
    const n = shapeSize(p.shape);
    views.push(theta.subarray(off, off + n));
    off += n;
  }
  return views;
}
