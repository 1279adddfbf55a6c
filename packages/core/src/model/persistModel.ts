import { EnergyModel } from '../runtime/EnergyModel.js';
import type { ExecutionOptions } from '../runtime/ExecutionOptions.js';
import type { McmcMle, McmcMleState } from '../train/McmcMle.js';
import { RuntimeError } from '../runtime/RuntimeError.js';
import { SpecError } from '../spec/SpecError.js';
import { MODEL_FORMAT_VERSION, type ModelDomain, type ModelFileContents } from './ModelFile.js';
import { ModelFileError } from './ModelFileError.js';
import { loadModelFile, saveModelFile } from './modelIO.js';

/** Trainer-state fields whose samples are stored as tensors of the same name. */
const CHAIN_TENSORS = ['replay', 'persistent'] as const;

/** What to store beside the network when saving. */
export interface SaveModelOptions {
  domain: ModelDomain;
  normalisation?: Record<string, unknown>;
  /** Sampler defaults for synthesis from this model. */
  sampler?: { name: string; options: Record<string, unknown> };
  /** The trainer whose state makes `--resume` continue exactly. */
  trainer?: McmcMle;
  /** Extra training fields (data source, preset, config). */
  training?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

/** A model read back from a file, with the trainer state when it has one. */
export interface LoadedModel {
  model: EnergyModel;
  contents: ModelFileContents;
  trainerState?: McmcMleState;
}

/** Saves spec, θ, normalisation, sampler defaults and (optionally) the trainer's full state, atomically. */
export async function saveModel(file: string, model: EnergyModel, opts: SaveModelOptions): Promise<void> {
  const tensors: Record<string, Float32Array> = { theta: model.theta };
  let training: Record<string, unknown> | undefined = opts.training ? { ...opts.training } : undefined;
  if (opts.trainer) {
    const { optimizer, ...state } = opts.trainer.state();
    optimizer.buffers.forEach((b, i) => (tensors[`optimizer.${i}`] = b));
    // Chain sets travel as tensors, not as text inside the JSON header (a full replay buffer would not fit a string).
    for (const key of CHAIN_TENSORS) {
      const chain = state[key];
      if (chain && chain.data instanceof Float32Array) {
        tensors[key] = chain.data;
        (state as Record<string, unknown>)[key] = { ...chain, data: `tensor:${key}` };
      }
    }
    training = { ...training, trainer: { ...state, optimizer: { ...optimizer, buffers: optimizer.buffers.length } } };
  }
  await saveModelFile(file, {
    formatVersion: MODEL_FORMAT_VERSION,
    domain: opts.domain,
    spec: model.spec,
    normalisation: opts.normalisation,
    sampler: opts.sampler,
    training,
    meta: { createdBy: '@ebm/core 0.1.0', savedAt: new Date().toISOString(), ...opts.meta },
    tensors,
  });
}

/**
 * Loads a model file into a ready EnergyModel (validating the stored spec), with its trainer state.
 * @throws ModelFileError naming the file when it is missing, damaged, of another domain or inconsistent
 */
export async function loadModel(file: string, opts: ExecutionOptions & { expect?: ModelDomain } = {}): Promise<LoadedModel> {
  const contents = await loadModelFile(file, opts.expect);
  let model: EnergyModel;
  try {
    model = await EnergyModel.create(contents.spec, { theta: contents.tensors.theta, threads: opts.threads, executionProvider: opts.executionProvider });
  } catch (e) {
    if (e instanceof SpecError || e instanceof RuntimeError) throw new ModelFileError(`model file ${file} holds an unusable network: ${e.message}`, file);
    throw e;
  }
  let trainerState: McmcMleState | undefined;
  const t = contents.training?.trainer as (Omit<McmcMleState, 'optimizer'> & { optimizer: McmcMleState['optimizer'] & { buffers: unknown } }) | undefined;
  if (t) {
    const count = Number(t.optimizer.buffers);
    const buffers: Float32Array[] = [];
    for (let i = 0; i < count; i++) {
      const b = contents.tensors[`optimizer.${i}`];
      if (!b) throw new ModelFileError(`model file ${file} is missing optimiser buffer ${i}; it cannot resume (train without --resume)`, file);
      buffers.push(b);
    }
    trainerState = { ...t, optimizer: { ...t.optimizer, buffers } };
    for (const key of CHAIN_TENSORS) {
      const chain = trainerState[key];
      if (chain && chain.data === `tensor:${key}`) {
        const data = contents.tensors[key];
        if (!data) throw new ModelFileError(`model file ${file} is missing its '${key}' chains; it cannot resume (train without --resume)`, file);
        (trainerState as unknown as Record<string, unknown>)[key] = { ...chain, data };
      }
    }
  }
  return { model, contents, trainerState };
}
