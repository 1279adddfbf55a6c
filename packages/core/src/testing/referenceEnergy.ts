import type { LayerContext } from '../layers/LayerRule.js';
import { logsumexpReadout } from '../layers/logsumexpReadout.js';
import { shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';

/**
 * Float64 output of the last layer [N·∏outShape] (a classifier's logits) from the layers' reference forwards.
 */
export function referenceTop(net: ResolvedNetwork, theta: Float64Array, x: Float64Array, batch: number): Float64Array {
  const views: Float64Array[] = [];
  let off = 0;
  for (const p of net.params) {
    const n = shapeSize(p.shape);
    views.push(theta.subarray(off, off + n));
    off += n;
  }
  let a = x;
  let pi = 0;
  for (const l of net.layers) {
    const ctx: LayerContext = { index: l.index, batch, inShape: l.inShape, outShape: l.outShape, params: l.params.map((p) => p.name) };
    const ps = views.slice(pi, pi + l.params.length);
    pi += l.params.length;
    a = l.rule.reference(l.spec, ctx, a, ps);
  }
  return a;
}

/**
 * Float64 energies E(x) [N] of a resolved network from the layers' reference forwards, with θ flat in
 * parameter order. This is what finite differences differentiate in the tests.
 */
export function referenceEnergy(net: ResolvedNetwork, theta: Float64Array, x: Float64Array, batch: number): Float64Array {
  const a = referenceTop(net, theta, x, batch);
  const M = shapeSize(net.outShape);
  const D = shapeSize(net.inShape);
  const scale = net.spec.readout === "mean" ? -1 / M : -1;
  const sigma = net.spec.referenceSigma;
  const e = net.spec.readout === 'logsumexp' ? logsumexpReadout.reference(a, batch, M) : new Float64Array(batch);
  for (let n = 0; n < batch; n++) {
    if (net.spec.readout !== 'logsumexp') {
      let s = 0;
      for (let i = 0; i < M; i++) s += a[n * M + i];
      e[n] = scale * s;
    }
    if (sigma !== undefined) {
      let q = 0;
      for (let i = 0; i < D; i++) q += x[n * D + i] ** 2;
      e[n] += q / (2 * sigma * sigma);
    }
  }
  return e;
}
