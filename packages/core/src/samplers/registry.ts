import type { Sampler, SamplerState } from './Sampler.js';
import { Langevin } from './Langevin.js';
import { Sgld } from './Sgld.js';
import { Mala } from './Mala.js';
import { Hmc } from './Hmc.js';
import { RandomWalkMetropolis } from './RandomWalkMetropolis.js';
import { SamplerError } from './SamplerError.js';

/**
 * Sampler name → constructor, for EnergyFn samplers. Adding a sampler means one file and one line here.
 * (`BlockGibbs` samples a BoltzmannMachine, not an EnergyFn, and is exported on its own.)
 */
export const SAMPLERS = {
  langevin: Langevin,
  sgld: Sgld,
  mala: Mala,
  hmc: Hmc,
  'random-walk-mh': RandomWalkMetropolis,
} as const;

/** A registered sampler name. */
export type SamplerName = keyof typeof SAMPLERS;

/** The constructor options of the sampler registered as `K`. */
export type SamplerOptionsOf<K extends SamplerName> = ConstructorParameters<(typeof SAMPLERS)[K]>[0];

/** True when `name` is a registered sampler name. */
export function isSamplerName(name: string): name is SamplerName {
  return Object.prototype.hasOwnProperty.call(SAMPLERS, name);
}

/**
 * Builds a sampler by name, e.g. from a CLI flag: `createSampler('hmc', { steps: 50, stepSize: 0.1, leapfrogSteps: 10 })`.
 * @throws SamplerError naming the registered samplers when `name` is unknown
 */
export function createSampler<K extends SamplerName>(name: K, options: SamplerOptionsOf<K>): InstanceType<(typeof SAMPLERS)[K]>;
export function createSampler(name: string, options: Record<string, unknown>): Sampler;
export function createSampler(name: string, options: any): Sampler {
  if (!isSamplerName(name)) {
    throw new SamplerError(`unknown sampler '${name}'; choose one of ${Object.keys(SAMPLERS).join(', ')}`);
  }
  return new SAMPLERS[name](options);
}

/** Recreates a sampler, adapted step size included, from its `state()` (e.g. read back from a model file). */
export function samplerFromState(state: SamplerState): Sampler {
  return createSampler(state.name, state.options);
}
