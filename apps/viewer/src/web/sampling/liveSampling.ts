import { clampRange, createSampler, meanOf, noiseChains, Rng } from '@ebm/core/sampling';
import type { ExportedModel } from './ExportedModel.js';

/**
 * What a run reports as it goes: step 0 is the start state, then one call per sampler step. `x` [N·D] is the state
 * whose energy is reported, in one buffer reused for every call (the sampler's own array may already be a step
 * further when the run is stopped).
 */
export type SamplingProgress = (step: number, meanEnergy: number, x: Float32Array) => void;

/** Options of one live run. */
export interface LiveSamplingOptions {
  chains: number;
  steps: number;
  seed: number;
  /** Start state [chains·D] in network units; default the model's chain noise. */
  start?: Float32Array;
  /** [lo, hi] in network units: every value is clamped into it at the start and after each step (core's clampRange). */
  clamp?: readonly [number, number];
}

/** How a run ended. */
export interface SamplingOutcome {
  stoppedAt?: number;
  steps: number;
  energy: number;
}

/** A run in progress. */
export interface SamplingRun {
  /** Asks the run to stop before its next energy evaluation. */
  stop(): void;
  done: Promise<SamplingOutcome>;
}

class StopSampling extends Error {}

/** Lets the page draw and handle clicks between steps (onnxruntime-web's wasm runs on the main thread). */
const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs the model's own sampler (core's Langevin or SGLD with the settings from its metadata, steps overridden)
 * on `chains` chains in the page, reporting every step; stoppable.
 */
export function runLiveSampling(model: ExportedModel, options: LiveSamplingOptions, onProgress: SamplingProgress): SamplingRun {
  const rng = new Rng(options.seed);
  const x = options.start ?? noiseChains(options.chains, model.sampleSize, rng, model.sampler.init);
  const sampler = createSampler(model.sampler.name, { ...model.sampler.options, steps: options.steps });
  const energy = model.energyFn();
  let stopped = false;
  let evaluations = 0;
  let step = 0;
  let last = NaN;
  const shown = new Float32Array(x.length);
  const report = (k: number, e: number, xs: Float32Array): void => {
    shown.set(xs);
    onProgress(k, e, shown);
  };
  const done = (async (): Promise<SamplingOutcome> => {
    try {
      await sampler.sample(
        async (xs) => {
          await yieldToPage();
          if (stopped) throw new StopSampling();
          const r = await energy(xs);
          if (evaluations++ === 0) {
            last = meanOf(r.energy);
            report(0, last, xs);
          }
          return r;
        },
        x,
        {
          rng,
          constraints: options.clamp ? [clampRange(options.clamp[0], options.clamp[1])] : undefined,
          onStep: (t, e, xs) => {
            step = t + 1;
            last = e;
            report(step, e, xs);
          },
        },
      );
      return { steps: step, energy: last };
    } catch (e) {
      if (e instanceof StopSampling) return { stoppedAt: step, steps: step, energy: last };
      throw e;
    }
  })();
  return { stop: () => (stopped = true), done };
}

