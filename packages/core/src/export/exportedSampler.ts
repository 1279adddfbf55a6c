import { DEFAULT_NOISE, type NoiseInit } from '../chains/noiseChains.js';

/** Langevin settings used when an exported model stores none (or names a sampler other than langevin / sgld). */
export const FALLBACK_EXPORT_SAMPLER = { name: 'langevin', options: { steps: 100, stepSize: 0.01 } } as const;

/** How to sample an exported model: a registry sampler name, its options, and how chains start from noise. */
export interface ExportedSamplerSettings {
  /** 'langevin' or 'sgld'. */
  name: string;
  /** Constructor options for `createSampler(name, options)`; `steps` always set. */
  options: Record<string, unknown>;
  /** Chain noise at the start, in network units (the model's `init`, else uniform in [−1, 1)). */
  init: NoiseInit;
}

/**
 * The sampler an exported model asks for, from its `ebm.sampler` metadata (parsed JSON): that sampler when it is
 * Langevin or SGLD (the gradient-only samplers an exported energy + grad_x graph serves), else
 * {@link FALLBACK_EXPORT_SAMPLER}. Shared by `ebm sample` and the browser viewer so both sample the same way.
 */
export function exportedSamplerSettings(stored: unknown): ExportedSamplerSettings {
  const s = stored as { name?: unknown; options?: Record<string, unknown> } | undefined;
  const base: { name: string; options: Record<string, unknown> } =
    (s?.name === 'langevin' || s?.name === 'sgld') && s.options ? { name: s.name, options: s.options } : FALLBACK_EXPORT_SAMPLER;
  const steps = Number(base.options.steps ?? FALLBACK_EXPORT_SAMPLER.options.steps);
  const init = (base.options.init as NoiseInit | undefined) ?? DEFAULT_NOISE;
  return { name: base.name, options: { ...base.options, steps }, init };
}
