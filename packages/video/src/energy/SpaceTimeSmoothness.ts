import { smoothReferenceStiffness, withSmoothReference, type EnergyFn, type SmoothReference } from '@ebm/core';

/**
 * Precisions of the space-time smooth reference, 1/(network units)²: `time` for differences between the same pixel
 * in consecutive frames, `space` for differences between 4-neighbour pixels within a frame. Stored in model files.
 */
export interface SpaceTimeSmoothness {
  time: number;
  space: number;
  /** λ_c on squared second differences along time, x(t+1) − 2x(t) + x(t−1) (smooth motion); default 0. */
  curvature?: number;
}

/**
 * The space-time reference as core's Gaussian MRF on clips [N, C, T, H, W]: λ_t along time, λ_s along both axes of a
 * frame, the curvature along time: E_s = ½·Σ λ_a·(x_q − x_p)² + ½·λ_c·Σ (x(t+1) − 2x(t) + x(t−1))², per channel.
 */
export function spaceTimeReference(s: SpaceTimeSmoothness): SmoothReference {
  return { axes: [s.time, s.space, s.space], curvature: [s.curvature ?? 0, 0, 0] };
}

/** Largest curvature of the reference (its stiffest direction, a space-time checkerboard): 4λ_t + 8λ_s + 16λ_c. */
export function smoothnessStiffness(s: SpaceTimeSmoothness): number {
  return smoothReferenceStiffness(spaceTimeReference(s));
}

/**
 * An energy over clips with the space-time reference added: x [N, C, T, H, W] → E + E_s, ∂E/∂x + ∂E_s/∂x.
 * @param shape per-sample [C, T, H, W]
 */
export function withSpaceTimeSmoothness(energy: EnergyFn, s: SpaceTimeSmoothness, shape: readonly number[]): EnergyFn {
  return withSmoothReference(energy, spaceTimeReference(s), shape);
}
