import type { EnergyAndGrad, EnergyFn } from '@ebm/core';

/**
 * Precisions of the space-time smooth reference, 1/(network units)²: `time` for differences between the same pixel
 * in consecutive frames, `space` for differences between 4-neighbour pixels within a frame.
 */
export interface SpaceTimeSmoothness {
  time: number;
  space: number;
  /** λ_c on squared second differences along time, x(t+1) − 2x(t) + x(t−1) (smooth motion); default 0. */
  curvature?: number;
}

/** Whether the reference is off (both precisions 0). */
export function isSmoothnessOff(s: SpaceTimeSmoothness): boolean {
  return s.time === 0 && s.space === 0 && !s.curvature;
}

/** Largest curvature of the reference (its stiffest direction, a space-time checkerboard): 4λ_t + 8λ_s + 16λ_c. */
export function smoothnessStiffness(s: SpaceTimeSmoothness): number {
  return 4 * s.time + 8 * s.space + 16 * (s.curvature ?? 0);
}

/**
 * Adds the Gaussian MRF reference E_s(x) = ½·Σ λ_a·(x_q − x_p)² over neighbour pairs along time (λ_t) and the two
 * spatial axes (λ_s), plus ½·λ_c·Σ (x(t+1) − 2x(t) + x(t−1))² along time, per channel, free boundaries, and its
 * gradient, to `out` in place.
 * @param x [N, C, T, H, W]; out.energy [N]; out.grad [N, C, T, H, W]
 * @param shape per-sample [C, T, H, W]
 */
export function addSpaceTimeSmoothness(x: Float32Array, out: EnergyAndGrad, s: SpaceTimeSmoothness, shape: readonly number[]): EnergyAndGrad {
  const [C, T, H, W] = shape;
  const plane = H * W;
  const D = C * T * plane;
  const N = x.length / D;
  const { energy, grad } = out;
  const curvature = s.curvature ?? 0;
  const pair = (i: number, j: number, lambda: number): number => {
    const d = x[j] - x[i];
    grad[j] += lambda * d;
    grad[i] -= lambda * d;
    return lambda * d * d;
  };
  for (let n = 0; n < N; n++) {
    let e = 0;
    for (let c = 0; c < C; c++) {
      for (let t = 0; t < T; t++) {
        const base = n * D + (c * T + t) * plane;
        for (let y = 0; y < H; y++) {
          const row = base + y * W;
          if (s.space !== 0) {
            for (let i = row, end = row + W - 1; i < end; i++) e += pair(i, i + 1, s.space);
            if (y + 1 < H) for (let i = row, end = row + W; i < end; i++) e += pair(i, i + W, s.space);
          }
          if (s.time !== 0 && t + 1 < T) for (let i = row, end = row + W; i < end; i++) e += pair(i, i + plane, s.time);
          if (curvature !== 0 && t > 0 && t + 1 < T) {
            for (let i = row, end = row + W; i < end; i++) {
              const d = x[i - plane] - 2 * x[i] + x[i + plane];
              grad[i - plane] += curvature * d;
              grad[i] -= 2 * curvature * d;
              grad[i + plane] += curvature * d;
              e += curvature * d * d;
            }
          }
        }
      }
    }
    energy[n] += 0.5 * e;
  }
  return out;
}

/**
 * An energy over clips with the space-time reference added: x [N, C, T, H, W] → E + E_s, ∂E/∂x + ∂E_s/∂x.
 * @param shape per-sample [C, T, H, W]
 */
export function withSpaceTimeSmoothness(energy: EnergyFn, s: SpaceTimeSmoothness, shape: readonly number[]): EnergyFn {
  if (isSmoothnessOff(s)) return energy;
  return async (x) => addSpaceTimeSmoothness(x, await energy(x), s, shape);
}
