/**
 * Expected calibration error (Guo et al. 2017, as JEM reports it): confidences max_y p(y|x) in `bins` equal-width bins
 * over [0, 1]; ECE = Σ_b (n_b / N)·|accuracy_b − mean confidence_b|.
 * @param confidence [N] in [0, 1]
 * @param correct [N] 1 where the prediction is right
 */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<number>, bins = 15): number {
  const N = confidence.length;
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const acc = new Float64Array(bins);
  for (let n = 0; n < N; n++) {
    const b = Math.min(bins - 1, Math.floor(confidence[n] * bins));
    count[b]++;
    conf[b] += confidence[n];
    acc[b] += correct[n];
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b] > 0) ece += Math.abs(acc[b] - conf[b]) / N;
  return ece;
}

/**
 * Area under the ROC curve of a score that should be higher for positives: the probability that a random positive
 * scores above a random negative, ties counting one half (Mann–Whitney U / (n₊ n₋)).
 */
export function auroc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  const all = [...Array.from(positives, (s) => ({ s, pos: 1 })), ...Array.from(negatives, (s) => ({ s, pos: 0 }))].sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const midRank = (i + j + 1) / 2; // ranks are 1-based: (i + 1 + j) / 2
    for (let k = i; k < j; k++) if (all[k].pos) rankSumPos += midRank;
    i = j;
  }
  const nPos = positives.length;
  const nNeg = negatives.length;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Softmax of logits [N·K], in place per row; returns the array. */
export function softmaxRows(logits: Float32Array, K: number): Float32Array {
  const N = logits.length / K;
  for (let n = 0; n < N; n++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, logits[n * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += logits[n * K + k] = Math.exp(logits[n * K + k] - m);
    for (let k = 0; k < K; k++) logits[n * K + k] /= s;
  }
  return logits;
}
