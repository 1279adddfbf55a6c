import { Rng } from '@ebm/core';

/**
 * Leading principal directions of a set of vectors, by subspace iteration on their covariance.
 * Used for lower bounds in patch search: for orthonormal rows V, ‖V(a − b)‖² ≤ ‖a − b‖², and with the
 * leading directions the bound is close to the true distance.
 * @param values [count, dim] row-major.
 * @param k number of directions (clipped to dim).
 * @param sampleSize rows used for the covariance (evenly spaced); default all up to a cost cap.
 * @returns mean: [dim]; basis: [k, dim] orthonormal rows, roughly in order of decreasing variance.
 */
export function principalComponents(
  values: Float32Array,
  count: number,
  dim: number,
  k: number,
  sampleSize = Math.max(256, Math.floor(2e7 / (dim * dim))),
): { mean: Float64Array; basis: Float64Array; k: number } {
  k = Math.min(k, dim);
  const step = Math.max(1, Math.ceil(count / sampleSize));
  const mean = new Float64Array(dim);
  let rows = 0;
  for (let i = 0; i < count; i += step, rows++) for (let j = 0; j < dim; j++) mean[j] += values[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= rows;

  // Upper triangle of the covariance, mirrored afterwards.
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let i = 0; i < count; i += step) {
    for (let j = 0; j < dim; j++) centred[j] = values[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      const row = a * dim;
      for (let b = a; b < dim; b++) cov[row + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) cov[a * dim + b] = cov[b * dim + a];

  const random = new Rng(1);
  let basis = new Float64Array(k * dim);
  for (let i = 0; i < basis.length; i++) basis[i] = random.normal();
  orthonormaliseRows(basis, k, dim);
  const next = new Float64Array(k * dim);
  for (let iteration = 0; iteration < 10; iteration++) {
    next.fill(0);
    for (let r = 0; r < k; r++) {
      for (let a = 0; a < dim; a++) {
        let s = 0;
        const row = a * dim;
        for (let b = 0; b < dim; b++) s += cov[row + b] * basis[r * dim + b];
        next[r * dim + a] = s;
      }
    }
    basis.set(next);
    orthonormaliseRows(basis, k, dim);
  }
  return { mean, basis, k };
}

/** Modified Gram-Schmidt on the rows; a row that vanishes is replaced by the first unit axis outside the span. */
function orthonormaliseRows(basis: Float64Array, k: number, dim: number): void {
  for (let r = 0; r < k; r++) {
    const row = r * dim;
    let norm = orthogonaliseRow(basis, r, dim);
    // Degenerate data (a flat image) leaves nothing; any orthonormal completion keeps the bound valid.
    for (let axis = 0; norm < 1e-3 && axis < dim; axis++) {
      basis.fill(0, row, row + dim);
      basis[row + axis] = 1;
      norm = orthogonaliseRow(basis, r, dim);
    }
    for (let j = 0; j < dim; j++) basis[row + j] /= norm;
  }
}

/** Removes from row r its components along rows 0..r−1 (orthonormal); returns the remaining norm. */
function orthogonaliseRow(basis: Float64Array, r: number, dim: number): number {
  const row = r * dim;
  for (let q = 0; q < r; q++) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += basis[row + j] * basis[q * dim + j];
    for (let j = 0; j < dim; j++) basis[row + j] -= dot * basis[q * dim + j];
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += basis[row + j] ** 2;
  return Math.sqrt(norm);
}
