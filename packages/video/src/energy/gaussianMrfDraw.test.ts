import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import type { AxisWeights } from '../baselines/gridHarmonicFill.js';
import { gaussianMrfDraw } from './gaussianMrfDraw.js';
import { matchMrfMoments } from './matchMrfMoments.js';

/** The precision matrix Q of ½·Σ w·(stencil·x)² on a [T, H, W] grid, built term by term from the definition. */
function precisionMatrix(shape: readonly [number, number, number], w: AxisWeights): Float64Array {
  const [T, H, W] = shape;
  const n = T * H * W;
  const Q = new Float64Array(n * n);
  const term = (entries: [number, number][], weight: number): void => {
    for (const [i, a] of entries) for (const [j, b] of entries) Q[i * n + j] += weight * a * b;
  };
  for (let t = 0; t < T; t++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (t * H + y) * W + x;
        if (x + 1 < W) term([[i, -1], [i + 1, 1]], w.space);
        if (y + 1 < H) term([[i, -1], [i + W, 1]], w.space);
        if (t + 1 < T) term([[i, -1], [i + H * W, 1]], w.time);
        if (w.curvature && t > 0 && t + 1 < T) term([[i - H * W, 1], [i, -2], [i + H * W, 1]], w.curvature);
        if (w.laplacian && x > 0 && x + 1 < W && y > 0 && y + 1 < H) term([[i - 1, 1], [i + 1, 1], [i - W, 1], [i + W, 1], [i, -4]], w.laplacian);
      }
    }
  }
  return Q;
}

/** Inverse of a small symmetric positive definite matrix by Gauss–Jordan elimination, float64. */
function invert(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    const p = m[c * n + c];
    for (let k = 0; k < n; k++) (m[c * n + k] /= p), (inv[c * n + k] /= p);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c];
      for (let k = 0; k < n; k++) (m[r * n + k] -= f * m[c * n + k]), (inv[r * n + k] -= f * inv[c * n + k]);
    }
  }
  return inv;
}

describe('gaussianMrfDraw (perturb-and-MAP)', () => {
  it('draws from the conditional law: the covariance of 4000 draws is Q_MM⁻¹ of the definition, observed entries stay 0', () => {
    const shape = [3, 3, 4] as const;
    const n = 36;
    const w = { time: 2, space: 3, curvature: 1.5, laplacian: 0.7 };
    const missing = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 || i === 17 ? 0 : 1));
    const m = [...missing.keys()].filter((i) => missing[i]);
    const Q = precisionMatrix(shape, w);
    const Qmm = new Float64Array(m.length * m.length);
    m.forEach((i, a) => m.forEach((j, b) => (Qmm[a * m.length + b] = Q[i * n + j])));
    const exact = invert(Qmm, m.length);
    const rng = new Rng(3);
    const draws = 4000;
    const second = new Float64Array(m.length * m.length);
    for (let k = 0; k < draws; k++) {
      const d = gaussianMrfDraw(missing, shape, w, rng);
      for (let i = 0; i < n; i++) if (!missing[i]) expect(d[i]).toBe(0);
      m.forEach((i, a) => m.forEach((j, b) => (second[a * m.length + b] += (d[i] * d[j]) / draws)));
    }
    let worst = 0;
    for (let a = 0; a < m.length; a++) {
      for (let b = 0; b < m.length; b++) {
        // Standard error of a sample covariance: √((Σ_aa Σ_bb + Σ_ab²) / draws).
        const se = Math.sqrt((exact[a * m.length + a] * exact[b * m.length + b] + exact[a * m.length + b] ** 2) / draws);
        worst = Math.max(worst, Math.abs(second[a * m.length + b] - exact[a * m.length + b]) / se);
      }
    }
    expect(worst).toBeLessThan(4.5);
    // Negative control: the draws are not those of a weaker Laplacian term (variances would be larger).
    const weaker = invert(Float64Array.from(Qmm, (v, k) => v - 0.5 * (precisionMatrix(shape, { time: 0, space: 0, laplacian: 0.7 })[m[Math.floor(k / m.length)] * n + m[k % m.length]])), m.length);
    const varianceRatio = m.reduce((s, _, a) => s + second[a * m.length + a] / weaker[a * m.length + a], 0) / m.length;
    expect(varianceRatio).toBeLessThan(0.97);
  });
});

describe('matchMrfMoments', () => {
  /** The moments of the MRF with weights w on the periodic [T, H, W] grid, from its covariance matrix (not the spectrum). */
  function periodicMoments(shape: readonly [number, number, number], w: Required<AxisWeights>): { time: number; space: number; curvature: number; laplacian: number } {
    const [T, H, W] = shape;
    const n = T * H * W;
    const at = (t: number, y: number, x: number): number => ((((t % T) + T) % T) * H + (((y % H) + H) % H)) * W + (((x % W) + W) % W);
    const stencils: Record<string, [number, number][][]> = { time: [], space: [], curvature: [], laplacian: [] };
    for (let t = 0; t < T; t++) {
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = at(t, y, x);
          stencils.time.push([[i, -1], [at(t + 1, y, x), 1]]);
          stencils.space.push([[i, -1], [at(t, y, x + 1), 1]], [[i, -1], [at(t, y + 1, x), 1]]);
          stencils.curvature.push([[at(t - 1, y, x), 1], [i, -2], [at(t + 1, y, x), 1]]);
          stencils.laplacian.push([[at(t, y, x - 1), 1], [at(t, y, x + 1), 1], [at(t, y - 1, x), 1], [at(t, y + 1, x), 1], [i, -4]]);
        }
      }
    }
    // Q + 11ᵀ/n: the constant mode (free under Q) gets precision 1 and does not enter any difference.
    const Q = new Float64Array(n * n).fill(1 / n);
    for (const key of ['time', 'space', 'curvature', 'laplacian'] as const) {
      for (const e of stencils[key]) for (const [i, a] of e) for (const [j, b] of e) Q[i * n + j] += w[key] * a * b;
    }
    const cov = invert(Q, n);
    const moment = (list: [number, number][][]): number => list.reduce((s, e) => s + e.reduce((u, [i, a]) => u + e.reduce((v, [j, b]) => v + a * b * cov[i * n + j], 0), 0), 0) / list.length;
    return { time: moment(stencils.time), space: moment(stencils.space), curvature: moment(stencils.curvature), laplacian: moment(stencils.laplacian) };
  }

  it('recovers known weights from their moments (computed from the covariance matrix of a periodic 4×6×6 grid)', () => {
    const shape = [4, 6, 6] as const;
    for (const truth of [{ time: 3, space: 5, curvature: 0.5, laplacian: 0.8 }, { time: 20, space: 2, curvature: 0, laplacian: 4 }]) {
      const target = periodicMoments(shape, truth);
      const w = matchMrfMoments(target, shape);
      const back = periodicMoments(shape, w);
      for (const key of ['time', 'space', 'curvature', 'laplacian'] as const) {
        expect(Math.abs(back[key] / target[key] - 1), `${key}: moment ${back[key]} vs ${target[key]}`).toBeLessThan(1e-3);
        expect(Math.abs(w[key] - truth[key]), `${key}: weight ${w[key]} vs ${truth[key]}`).toBeLessThan(1e-3 * Math.max(1, truth[key]));
      }
    }
  });

  it('a target no MRF reaches (a Laplacian too large for its first differences) gives weights, some 0, not NaN', () => {
    const w = matchMrfMoments({ time: 0.02, space: 0.01, curvature: 0.015, laplacian: 0.2 }, [8, 8, 8]);
    for (const v of Object.values(w)) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });
});
