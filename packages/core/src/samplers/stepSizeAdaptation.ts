import { SamplerError } from './SamplerError.js';

/**
 * Robbins-Monro step-size adaptation toward a target acceptance rate: after every step,
 * log s ← log s + rate · (mean acceptance over chains − target). The adapted size is part of the sampler's
 * state. Adapting changes the kernel from step to step, so use it for warm-up runs and sample with it off.
 */
export interface StepSizeAdaptation {
  /** Target mean acceptance probability in (0, 1), e.g. 0.574 for MALA, 0.65 for HMC, 0.234 for random-walk MH. */
  targetAccept: number;
  /** Gain on the log step size per step; default 0.05. */
  rate?: number;
}

/** The step size after one adaptation update; see {@link StepSizeAdaptation}. */
export function adaptStepSize(stepSize: number, meanAccept: number, adapt: StepSizeAdaptation): number {
  return stepSize * Math.exp((adapt.rate ?? 0.05) * (meanAccept - adapt.targetAccept));
}

/** Throws a SamplerError for a target outside (0, 1) or a negative rate. */
export function checkAdaptation(adapt: StepSizeAdaptation | undefined): void {
  if (!adapt) return;
  if (!(adapt.targetAccept > 0 && adapt.targetAccept < 1)) {
    throw new SamplerError(`adapt.targetAccept must lie in (0, 1), got ${adapt.targetAccept}`);
  }
  if (adapt.rate !== undefined && !(adapt.rate >= 0 && Number.isFinite(adapt.rate))) {
    throw new SamplerError(`adapt.rate must be a finite number ≥ 0, got ${adapt.rate}`);
  }
}
