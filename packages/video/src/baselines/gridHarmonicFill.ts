/**
 * Weights of a Gaussian MRF over a [T, H, W] grid: `time` and `space` on squared first differences between
 * neighbours along time and within frames, `curvature` on squared second differences along time
 * (x(t+1) − 2x(t) + x(t−1)); 0 drops a term (time 0 and curvature 0 give a per-frame fill).
 */
export interface AxisWeights {
  time: number;
  space: number;
  curvature?: number;
  /**
   * Weight on the squared 4-neighbour Laplacian within frames, (Δx)² at pixels whose 4 neighbours are in the frame
   * (a thin-plate term: smooth draws instead of pixel noise); 0 or omitted = none.
   */
  laplacian?: number;
}

/** Options of {@link gridHarmonicFill}. */
export interface GridHarmonicOptions {
  /** Stop when the residual norm is below tolerance × ‖b‖; default 1e-7. */
  tolerance?: number;
  /** Iteration cap; default 4000. */
  maxIterations?: number;
  /**
   * A linear term: minimise ½·Σ w·(difference)² − sourceᵀx instead ([T, H, W], read at missing entries). With
   * source = Σ_e √w_e·ε_e·A_eᵀ (ε standard normal, A_e a term's difference stencil) the minimiser is an exact draw
   * from the Gaussian MRF's conditional distribution (perturb-and-MAP), see gaussianMrfDraw.
   */
  source?: Float64Array;
}

/**
 * Fills the missing entries of one channel of a [T, H, W] grid with the minimiser of the quadratic energy
 * ½·Σ w·(difference)² ({@link AxisWeights}) with the observed entries fixed and free borders: with first differences
 * only, the discrete (possibly anisotropic) Laplace equation, i.e. harmonic interpolation; with the curvature term
 * along time, a smoothing spline in time (it continues the observed frames' slope into a gap instead of a straight
 * line). It is the conditional mean of the Gaussian MRF with that energy. Solved by Jacobi-preconditioned conjugate
 * gradients in float64 from the observed mean; a missing entry with no path to an observed one keeps that mean.
 * @param values [T, H, W] (missing entries ignored); written in place at the missing entries.
 * @param missing [T, H, W], nonzero = missing.
 */
export function gridHarmonicFill(values: Float32Array, missing: Uint8Array, shape: readonly [number, number, number], weights: AxisWeights, options: GridHarmonicOptions = {}): void {
  const [T, H, W] = shape;
  const n = T * H * W;
  let m = 0;
  let observedSum = 0;
  for (let i = 0; i < n; i++) if (missing[i]) m++; else observedSum += values[i];
  if (m === 0) return;
  const mean = n > m ? observedSum / (n - m) : 0;
  const x = Float64Array.from(values, (v, i) => (missing[i] ? mean : v));
  const apply = (v: Float64Array, out: Float64Array): void => quadraticGradient(v, out, shape, weights);
  // Diagonal of the Hessian at each entry (for the preconditioner): a unit vector's gradient at itself.
  const diag = new Float64Array(n);
  diagonal(diag, shape, weights);
  // Residual r = −∇E at the start, on missing entries only.
  const g = new Float64Array(n);
  apply(x, g);
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  let bNorm = 0;
  const observedOnly = Float64Array.from(x, (v, i) => (missing[i] ? 0 : v));
  apply(observedOnly, q);
  const source = options.source;
  for (let i = 0; i < n; i++) if (missing[i]) bNorm += (q[i] - (source ? source[i] : 0)) ** 2;
  bNorm = Math.sqrt(bNorm) || 1;
  let rz = 0;
  for (let i = 0; i < n; i++) {
    if (!missing[i]) continue;
    r[i] = (source ? source[i] : 0) - g[i];
    // An entry with no term at all (isolated) keeps the mean.
    z[i] = diag[i] > 0 ? r[i] / diag[i] : 0;
    p[i] = z[i];
    rz += r[i] * z[i];
  }
  const tolerance = options.tolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 4000;
  for (let it = 0; it < maxIterations; it++) {
    let rNorm = 0;
    for (let i = 0; i < n; i++) if (missing[i]) rNorm += r[i] * r[i];
    if (Math.sqrt(rNorm) <= tolerance * bNorm) break;
    apply(p, q);
    let pq = 0;
    for (let i = 0; i < n; i++) if (missing[i]) pq += p[i] * q[i];
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    let rzNext = 0;
    for (let i = 0; i < n; i++) {
      if (!missing[i]) continue;
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
      z[i] = diag[i] > 0 ? r[i] / diag[i] : 0;
      rzNext += r[i] * z[i];
    }
    const beta = rzNext / rz;
    rz = rzNext;
    for (let i = 0; i < n; i++) p[i] = missing[i] ? z[i] + beta * p[i] : 0;
  }
  for (let i = 0; i < n; i++) if (missing[i]) values[i] = x[i];
}

/** out = ∇E(v) = H·v for the quadratic energy of {@link AxisWeights} on a [T, H, W] grid (free borders). */
function quadraticGradient(v: Float64Array, out: Float64Array, shape: readonly [number, number, number], w: AxisWeights): void {
  const [T, H, W] = shape;
  const plane = H * W;
  out.fill(0);
  const c = w.curvature ?? 0;
  const l = w.laplacian ?? 0;
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = t * plane + y * W + x;
        if (w.space) {
          if (x + 1 < W) {
            const d = w.space * (v[i + 1] - v[i]);
            out[i + 1] += d;
            out[i] -= d;
          }
          if (y + 1 < H) {
            const d = w.space * (v[i + W] - v[i]);
            out[i + W] += d;
            out[i] -= d;
          }
        }
        if (w.time && t + 1 < T) {
          const d = w.time * (v[i + plane] - v[i]);
          out[i + plane] += d;
          out[i] -= d;
        }
        if (c && t > 0 && t + 1 < T) {
          const s = c * (v[i - plane] - 2 * v[i] + v[i + plane]);
          out[i - plane] += s;
          out[i] -= 2 * s;
          out[i + plane] += s;
        }
        if (l && x > 0 && x + 1 < W && y > 0 && y + 1 < H) {
          const s = l * (v[i - 1] + v[i + 1] + v[i - W] + v[i + W] - 4 * v[i]);
          out[i - 1] += s;
          out[i + 1] += s;
          out[i - W] += s;
          out[i + W] += s;
          out[i] -= 4 * s;
        }
      }
    }
  }
}

/** The Hessian's diagonal: each term adds w·(its coefficient)² to every entry it touches. */
function diagonal(out: Float64Array, shape: readonly [number, number, number], w: AxisWeights): void {
  const [T, H, W] = shape;
  const plane = H * W;
  const c = w.curvature ?? 0;
  const l = w.laplacian ?? 0;
  // Whether the Laplacian is taken at (y, x): all 4 neighbours in the frame.
  const inner = (y: number, x: number): number => (x > 0 && x + 1 < W && y > 0 && y + 1 < H ? 1 : 0);
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = t * plane + y * W + x;
        let d = 0;
        if (l) d += l * (16 * inner(y, x) + inner(y, x - 1) + inner(y, x + 1) + inner(y - 1, x) + inner(y + 1, x));
        d += w.space * ((x > 0 ? 1 : 0) + (x + 1 < W ? 1 : 0) + (y > 0 ? 1 : 0) + (y + 1 < H ? 1 : 0));
        d += w.time * ((t > 0 ? 1 : 0) + (t + 1 < T ? 1 : 0));
        if (c) d += c * ((t > 1 ? 1 : 0) + (t > 0 && t + 1 < T ? 4 : 0) + (t + 2 < T ? 1 : 0));
        out[i] = d;
      }
    }
  }
}
