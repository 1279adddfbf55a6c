import { symmetricEigen } from '../linalg/symmetricEigen.js';
import type { Constraint } from '../samplers/Constraint.js';

/**
 * A constraint that keeps the channel vector at every position of states [N, C, ...spatial] inside the box its
 * observed positions span along their principal axes: each C-vector is written in the eigenvectors of the observed
 * vectors' covariance (around their mean), each coordinate is clamped to the observed range along that axis, and it is
 * written back (positions already inside are left bit-identical). A recovered position may not take a channel
 * combination the data show nowhere: for colour images or videos, a grey texture's chroma axes have almost no range,
 * so holes stay grey, and a blue-green water surface allows its blues, greens and highlights but not red. In a large
 * hole, far from observed entries, this keeps an imperfect model from running off to saturated colours. With C = 1
 * it is a clamp to the observed range.
 * @param values [C, ...spatial], one sample in the states' units; read only where observed.
 * @param observed [...spatial] positions (the same for every channel), nonzero = observed.
 * @param channels C.
 * @throws RangeError when `values` is not C × the positions of `observed`, or nothing is observed.
 */
export function principalAxisBox(values: Float32Array, observed: ArrayLike<number>, channels: number): Constraint {
  const S = observed.length;
  const C = channels;
  if (values.length !== C * S) throw new RangeError(`principalAxisBox: ${values.length} values are not ${C} channel(s) of ${S} positions`);
  let count = 0;
  const mean = new Float64Array(C);
  for (let p = 0; p < S; p++) {
    if (!observed[p]) continue;
    count++;
    for (let c = 0; c < C; c++) mean[c] += values[c * S + p];
  }
  if (count === 0) throw new RangeError('principalAxisBox: no position is observed');
  for (let c = 0; c < C; c++) mean[c] /= count;
  const covariance = new Float64Array(C * C);
  for (let p = 0; p < S; p++) {
    if (!observed[p]) continue;
    for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) covariance[a * C + b] += ((values[a * S + p] - mean[a]) * (values[b * S + p] - mean[b])) / count;
  }
  // axes[k·C + c]: component c of principal axis k.
  const { vectors } = symmetricEigen(covariance, C);
  const axes = new Float64Array(C * C);
  for (let k = 0; k < C; k++) for (let c = 0; c < C; c++) axes[k * C + c] = vectors[c * C + k];
  const lo = new Float64Array(C).fill(Infinity);
  const hi = new Float64Array(C).fill(-Infinity);
  for (let p = 0; p < S; p++) {
    if (!observed[p]) continue;
    for (let k = 0; k < C; k++) {
      let t = 0;
      for (let c = 0; c < C; c++) t += axes[k * C + c] * (values[c * S + p] - mean[c]);
      if (t < lo[k]) lo[k] = t;
      if (t > hi[k]) hi[k] = t;
    }
  }
  const D = C * S;
  const coordinates = new Float64Array(C);
  return {
    apply(states: Float32Array): void {
      if (states.length % D !== 0) throw new RangeError(`principalAxisBox: a state of ${states.length} values is not whole samples of ${D}`);
      for (let o = 0; o < states.length; o += D) {
        for (let p = 0; p < S; p++) {
          let moved = false;
          for (let k = 0; k < C; k++) {
            let t = 0;
            for (let c = 0; c < C; c++) t += axes[k * C + c] * (states[o + c * S + p] - mean[c]);
            const clamped = t < lo[k] ? lo[k] : t > hi[k] ? hi[k] : t;
            coordinates[k] = clamped;
            if (clamped !== t) moved = true;
          }
          if (!moved) continue;
          for (let c = 0; c < C; c++) {
            let v = mean[c];
            for (let k = 0; k < C; k++) v += axes[k * C + c] * coordinates[k];
            states[o + c * S + p] = v;
          }
        }
      }
    },
  };
}
