/** Neighbour weights along time, rows and columns of a [T, H, W] grid; 0 drops an axis (a per-frame fill). */
export interface AxisWeights {
  time: number;
  space: number;
}

/** Options of {@link gridHarmonicFill}. */
export interface GridHarmonicOptions {
  /** Stop when the residual norm is below tolerance × ‖b‖; default 1e-8. */
  tolerance?: number;
  /** Iteration cap; default 5000. */
  maxIterations?: number;
}

/**
 * Harmonic fill of one channel of a [T, H, W] grid: the missing values minimise
 * Σ_axes w_a Σ (x_q − x_p)² over neighbour pairs along that axis, with the observed values fixed (a discrete,
 * possibly anisotropic, Laplace equation with Dirichlet data at observed entries and zero flux at the borders).
 * Solved by conjugate gradients in float64, started from the observed mean. With `time: 0` each frame is solved on
 * its own (2D Laplace interpolation); a missing entry with no observed entry in its connected part keeps the mean.
 * @param values [T, H, W] (missing entries ignored); written in place at the missing entries.
 * @param missing [T, H, W], nonzero = missing.
 */
export function gridHarmonicFill(values: Float32Array, missing: Uint8Array, shape: readonly [number, number, number], weights: AxisWeights, options: GridHarmonicOptions = {}): void {
  const [T, H, W] = shape;
  const n = T * H * W;
  const unknown = new Int32Array(n).fill(-1);
  const index: number[] = [];
  let observedSum = 0;
  for (let i = 0; i < n; i++) {
    if (missing[i]) {
      unknown[i] = index.length;
      index.push(i);
    } else observedSum += values[i];
  }
  const m = index.length;
  if (m === 0) return;
  const observedMean = n > m ? observedSum / (n - m) : 0;
  // Neighbour lists per unknown: (grid index, weight).
  const steps: Array<[number, number, number]> = []; // [axis stride, axis size index, weight]
  if (weights.time > 0) steps.push([H * W, 0, weights.time]);
  if (weights.space > 0) steps.push([W, 1, weights.space], [1, 2, weights.space]);
  const coord = (i: number): [number, number, number] => [Math.floor(i / (H * W)), Math.floor(i / W) % H, i % W];
  const sizes = [T, H, W];
  const diag = new Float64Array(m);
  const b = new Float64Array(m);
  const nbStart = new Int32Array(m + 1);
  const nbIndex: number[] = [];
  const nbWeight: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = index[k];
    const c = coord(i);
    for (const [stride, axis, w] of steps) {
      for (const dir of [-1, 1]) {
        const pos = c[axis] + dir;
        if (pos < 0 || pos >= sizes[axis]) continue;
        const j = i + dir * stride;
        diag[k] += w;
        if (unknown[j] >= 0) {
          nbIndex.push(unknown[j]);
          nbWeight.push(w);
        } else b[k] += w * values[j];
      }
    }
    nbStart[k + 1] = nbIndex.length;
  }
  // Unknowns with no neighbour at all (a lone frame with time off) keep the mean: give them a unit self-weight.
  const x = new Float64Array(m).fill(observedMean);
  for (let k = 0; k < m; k++) if (diag[k] === 0) (diag[k] = 1), (b[k] = observedMean);
  const multiply = (v: Float64Array, out: Float64Array): void => {
    for (let k = 0; k < m; k++) {
      let s = diag[k] * v[k];
      for (let e = nbStart[k]; e < nbStart[k + 1]; e++) s -= nbWeight[e] * v[nbIndex[e]];
      out[k] = s;
    }
  };
  // Jacobi-preconditioned conjugate gradients. A part with no observed neighbour is singular (constant null space);
  // starting at the mean with a consistent right-hand side keeps CG in the range, so it stays at the mean there.
  const r = new Float64Array(m);
  const z = new Float64Array(m);
  const p = new Float64Array(m);
  const q = new Float64Array(m);
  multiply(x, q);
  let bNorm = 0;
  for (let k = 0; k < m; k++) (r[k] = b[k] - q[k]), (bNorm += b[k] * b[k]);
  bNorm = Math.sqrt(bNorm) || 1;
  for (let k = 0; k < m; k++) (z[k] = r[k] / diag[k]), (p[k] = z[k]);
  let rz = 0;
  for (let k = 0; k < m; k++) rz += r[k] * z[k];
  const tolerance = options.tolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 5000;
  for (let it = 0; it < maxIterations; it++) {
    let rNorm = 0;
    for (let k = 0; k < m; k++) rNorm += r[k] * r[k];
    if (Math.sqrt(rNorm) <= tolerance * bNorm) break;
    multiply(p, q);
    let pq = 0;
    for (let k = 0; k < m; k++) pq += p[k] * q[k];
    if (pq <= 0) break;
    const alpha = rz / pq;
    for (let k = 0; k < m; k++) (x[k] += alpha * p[k]), (r[k] -= alpha * q[k]);
    let rzNext = 0;
    for (let k = 0; k < m; k++) (z[k] = r[k] / diag[k]), (rzNext += r[k] * z[k]);
    const beta = rzNext / rz;
    rz = rzNext;
    for (let k = 0; k < m; k++) p[k] = z[k] + beta * p[k];
  }
  for (let k = 0; k < m; k++) values[index[k]] = x[k];
}
