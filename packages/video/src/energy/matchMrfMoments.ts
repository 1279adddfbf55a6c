import type { AxisWeights } from '../baselines/gridHarmonicFill.js';

/**
 * Mean squares of local differences of a [T, H, W] channel, (units)²: `time` x(t+1) − x(t), `space` between 4-neighbours
 * in a frame, `curvature` x(t+1) − 2x(t) + x(t−1), `laplacian` the 4-neighbour Laplacian in a frame.
 */
export interface DifferenceMoments {
  time: number;
  space: number;
  curvature: number;
  laplacian: number;
}

/** The four names of {@link DifferenceMoments}, which are also the {@link AxisWeights} they are matched with. */
const TERMS = ['time', 'space', 'curvature', 'laplacian'] as const;

/**
 * The weights of a Gaussian MRF on a [T, H, W] grid ({@link AxisWeights}: first differences along time and within
 * frames, second differences along time, the Laplacian within frames) whose draws have the given mean squared
 * differences, so a draw moves (time, curvature) and varies (space, Laplacian) like the pixels they were measured on,
 * with smooth rather than pixel-noise structure. On the periodic grid a draw's power at frequency k is 1/Q(k),
 * Q = Σ_j w_j·g_j(k) with g = (a_t, a_s, a_t², a_s²), a_t = 4·sin²(πk_t/T), a_s = 4·sin²(πk_y/H) + 4·sin²(πk_x/W) (the
 * constant mode left out), and its moments are m_j = c_j·mean_k g_j/Q (c = 1, ½, 1, 1: E[d_s²] is per axis). They
 * match the targets at the minimum of the convex F(w) = Σ_j w_j·target_j/c_j − mean_k log Q(k) over w ≥ 0 (the
 * maximum-likelihood fit of the Gaussian family to those statistics), found by projected Newton steps with
 * backtracking. Targets no such MRF can reach (e.g. a Laplacian too large for the first differences) give the
 * nearest reachable weights, with some of them 0.
 * @param target mean squares, (units)²; each at least 1e-8 is asked for. One frame: the time terms are 0.
 * @returns weights, 1/(units)².
 */
export function matchMrfMoments(target: DifferenceMoments, shape: readonly [number, number, number]): Required<AxisWeights> {
  const [T, H, W] = shape;
  const sin2 = (n: number): Float64Array => Float64Array.from({ length: n }, (_, k) => 4 * Math.sin((Math.PI * k) / n) ** 2);
  const at = sin2(T);
  const ay = sin2(H);
  const ax = sin2(W);
  // The frequencies' basis values g_j(k), the constant mode left out.
  const modes: number[][] = [];
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        if (t === 0 && y === 0 && x === 0) continue;
        const s = ay[y] + ax[x];
        modes.push([at[t], s, at[t] * at[t], s * s]);
      }
    }
  }
  const scale = [1, 0.5, 1, 1];
  const active = T > 1 ? [0, 1, 2, 3] : [1, 3];
  const goal = TERMS.map((k) => Math.max(target[k], 1e-8));
  const b = goal.map((g, j) => g / scale[j]);
  // F, its gradient and Hessian at w.
  const evaluate = (w: number[]): { f: number; grad: number[]; hess: number[][] } => {
    let logSum = 0;
    const mean = [0, 0, 0, 0];
    const hess = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    for (const g of modes) {
      const q = w[0] * g[0] + w[1] * g[1] + w[2] * g[2] + w[3] * g[3];
      logSum += Math.log(q);
      for (let i = 0; i < 4; i++) {
        mean[i] += g[i] / q;
        for (let j = 0; j < 4; j++) hess[i][j] += (g[i] * g[j]) / (q * q);
      }
    }
    const n = T * H * W;
    let f = -logSum / n;
    for (let i = 0; i < 4; i++) f += w[i] * b[i];
    return { f, grad: mean.map((m, i) => b[i] - m / n), hess: hess.map((r) => r.map((v) => v / n)) };
  };
  // Start: each term alone would need about 1/(4·target) (scaled down so the sum is not too stiff).
  let w = [0, 1, 2, 3].map((j) => (active.includes(j) ? 1 / (4 * active.length * goal[j]) : 0));
  let current = evaluate(w);
  for (let it = 0; it < 100; it++) {
    // Free variables: positive ones, and those at 0 whose gradient points into w > 0.
    const free = active.filter((j) => w[j] > 0 || current.grad[j] < 0);
    const step = solve(free.map((i) => free.map((j) => current.hess[i][j])), free.map((i) => -current.grad[i]));
    let t = 1;
    let next = w;
    let trial = current;
    for (; t > 1e-10; t *= 0.5) {
      next = w.slice();
      free.forEach((j, k) => (next[j] = Math.max(0, w[j] + t * step[k])));
      if (next.every((v, j) => !active.includes(j) || v >= 0) && positiveEverywhere(next, T)) {
        trial = evaluate(next);
        if (trial.f <= current.f) break;
      }
    }
    if (t <= 1e-10) break;
    const moved = Math.max(...free.map((j) => Math.abs(next[j] - w[j]) / Math.max(next[j], w[j], 1e-30)));
    w = next;
    current = trial;
    if (moved < 1e-6) break;
  }
  return { time: w[0], space: w[1], curvature: w[2], laplacian: w[3] };
}

/** Whether Q > 0 at every non-constant frequency: some time term and some space term are positive (one frame: space). */
function positiveEverywhere(w: number[], T: number): boolean {
  return (T === 1 || w[0] > 0 || w[2] > 0) && (w[1] > 0 || w[3] > 0);
}

/** Solves the small symmetric positive definite system A·x = r (Gaussian elimination with partial pivoting). */
function solve(A: number[][], r: number[]): number[] {
  const n = r.length;
  const m = A.map((row, i) => [...row, r[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[p][c])) p = i;
    [m[c], m[p]] = [m[p], m[c]];
    for (let i = 0; i < n; i++) {
      if (i === c || m[c][c] === 0) continue;
      const f = m[i][c] / m[c][c];
      for (let k = c; k <= n; k++) m[i][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}
