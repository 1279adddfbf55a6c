import {
  ClassifierEnergy,
  EnergyModel,
  loadModelFile,
  MODEL_FORMAT_VERSION,
  ModelFileError,
  saveModelFile,
  SpecError,
  RuntimeError,
  type ExecutionOptions,
} from '@ebm/core';
import { JEM_NORMALISATION } from './LabelledImages.js';
import type { JemOptions } from './JemOptions.js';

/** A JEM classifier as `ebm-image jem` keeps it: the network, its class names, how it was trained, its replay buffer. */
export interface JemModel {
  model: EnergyModel;
  classifier: ClassifierEnergy;
  /** Names of the K classes ('0' … '9' for the `mnist` digits, else the data folder's sub-folder names). */
  classNames: string[];
  /** 'mnist' or the data folder it was trained on (eval and sample re-read its held-out split). */
  data: string;
  /** Iterations trained. */
  iteration: number;
  /** The training settings. */
  options: JemOptions;
  /** The replay buffer's samples [S·D] in network units (empty for a plain classifier). */
  replay: Float32Array;
}

/** The `training.kind` of JEM model files. */
export const JEM_MODEL_KIND = 'jem';

/**
 * Writes a JEM model file atomically (core's format, domain 'image'): spec (readout 'logsumexp'), θ, normalisation
 * ([0, 1] pixels as 2p − 1), JEM's SGLD as the sampler defaults, the class names and training settings, and the replay
 * buffer as a tensor (class-conditional sampling starts from it).
 */
export async function saveJemModel(path: string, m: JemModel, meta: Record<string, unknown> = {}): Promise<void> {
  await saveModelFile(path, {
    formatVersion: MODEL_FORMAT_VERSION,
    domain: 'image',
    spec: m.model.spec,
    normalisation: { ...JEM_NORMALISATION },
    sampler: { name: 'sgld', options: { ...m.options.sgld } },
    training: { kind: JEM_MODEL_KIND, classNames: m.classNames, data: m.data, iteration: m.iteration, options: m.options },
    meta: { createdBy: '@ebm/image 0.1.0', savedAt: new Date().toISOString(), ...meta },
    tensors: { theta: m.model.theta, replay: m.replay },
  });
}

/**
 * Reads a JEM model file written by {@link saveJemModel} (`ebm-image jem train`).
 * @throws ModelFileError naming the file when it is missing, damaged, or not a JEM classifier (a texture model, an RBM…)
 */
export async function loadJemModel(path: string, execution: ExecutionOptions = {}): Promise<JemModel> {
  const contents = await loadModelFile(path);
  const t = contents.training ?? {};
  if (t.kind !== JEM_MODEL_KIND || contents.spec?.readout !== 'logsumexp') {
    const what = t.kind === 'rbm' ? 'a Boltzmann machine (use ebm rbm eval)' : t.preset ? `an ebm-image ${String(t.preset)} model` : `an energy model (domain ${contents.domain})`;
    throw new ModelFileError(`model file ${path} is ${what}, not a JEM classifier; train one with ebm-image jem train`, path);
  }
  let model: EnergyModel;
  try {
    model = await EnergyModel.create(contents.spec, { theta: contents.tensors.theta, ...execution });
  } catch (e) {
    if (e instanceof SpecError || e instanceof RuntimeError) throw new ModelFileError(`model file ${path} holds an unusable network: ${e.message}`, path);
    throw e;
  }
  const classNames = (t.classNames as string[]) ?? [];
  const classifier = new ClassifierEnergy(model);
  if (classNames.length !== classifier.classes) {
    await model.dispose();
    throw new ModelFileError(`model file ${path} names ${classNames.length} classes for a network with ${classifier.classes} outputs; the file is damaged`, path);
  }
  return {
    model,
    classifier,
    classNames,
    data: String(t.data ?? 'mnist'),
    iteration: Number(t.iteration ?? 0),
    options: t.options as JemOptions,
    replay: contents.tensors.replay ?? new Float32Array(0),
  };
}

/** Releases a JEM model's sessions. */
export async function disposeJemModel(m: JemModel): Promise<void> {
  await m.classifier.dispose();
  await m.model.dispose();
}
