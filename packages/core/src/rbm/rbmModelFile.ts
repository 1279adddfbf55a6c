import { MODEL_FORMAT_VERSION } from '../model/ModelFile.js';
import { ModelFileError } from '../model/ModelFileError.js';
import { loadModelFile, saveModelFile } from '../model/modelIO.js';
import type { BoltzmannMachine } from '../samplers/BoltzmannMachine.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** The `training.kind` of RBM model files. */
export const RBM_MODEL_KIND = 'rbm';

/** An RBM as its model file holds it: the machine, the image size of its visible units, and how it was trained. */
export interface RbmModel {
  rbm: BoltzmannMachine;
  /** Visible units as an image, height × width = V. */
  height: number;
  width: number;
  /** Where the training data came from ('mnist' or a folder). */
  data: string;
  /** Epochs trained and the trainer's options. */
  epochs: number;
  training: Record<string, unknown>;
}

/**
 * The network spec an RBM file carries so generic tools (`ebm info`) can describe it: the hidden part of the free
 * energy, a linear layer V → H and softplus (F(v) = −bᵀv − Σⱼ softplus(cⱼ + (vᵀW)ⱼ); the visible bias term is the file's
 * 'visibleBias' tensor).
 */
export function rbmSpec(visible: number, hidden: number): NetworkSpec {
  return { input: [visible], layers: [{ type: 'linear', outFeatures: hidden }, { type: 'softplus' }] };
}

/**
 * Writes an RBM model file atomically: tensors 'theta' (Wᵀ [H, V] then c [H], the layout of {@link rbmSpec}'s linear
 * layer) and 'visibleBias' (b [V]); training.kind 'rbm'.
 */
export async function saveRbmModel(path: string, m: RbmModel, meta: Record<string, unknown> = {}): Promise<void> {
  const { visible: V, hidden: H, W, b, c } = m.rbm;
  const theta = new Float32Array(V * H + H);
  for (let i = 0; i < V; i++) for (let j = 0; j < H; j++) theta[j * V + i] = W[i * H + j];
  theta.set(c, V * H);
  await saveModelFile(path, {
    formatVersion: MODEL_FORMAT_VERSION,
    domain: 'generic',
    spec: rbmSpec(V, H),
    sampler: { name: 'block-gibbs', options: { steps: 1000 } },
    training: { kind: RBM_MODEL_KIND, visible: V, hidden: H, height: m.height, width: m.width, data: m.data, epochs: m.epochs, ...m.training },
    meta: { createdBy: '@ebm/core 0.1.0', savedAt: new Date().toISOString(), ...meta },
    tensors: { theta, visibleBias: b },
  });
}

/**
 * Reads an RBM model file written by {@link saveRbmModel} (`ebm rbm train`).
 * @throws ModelFileError naming the file when it is missing, damaged or not an RBM (a JEM classifier, an image model…)
 */
export async function loadRbmModel(path: string): Promise<RbmModel> {
  const contents = await loadModelFile(path);
  const t = contents.training ?? {};
  if (t.kind !== RBM_MODEL_KIND) {
    const what = t.kind === 'jem' ? 'a JEM classifier (use ebm-image jem eval)' : `an energy network (domain ${contents.domain})`;
    throw new ModelFileError(`model file ${path} is ${what}, not a Boltzmann machine; train one with ebm rbm train`, path);
  }
  const V = Number(t.visible);
  const H = Number(t.hidden);
  const theta = contents.tensors.theta;
  const b = contents.tensors.visibleBias;
  if (!(V > 0 && H > 0) || theta.length !== V * H + H || b?.length !== V) {
    throw new ModelFileError(`model file ${path} is a damaged RBM: its tensors do not match ${V} visible and ${H} hidden units`, path);
  }
  const W = new Float32Array(V * H);
  for (let i = 0; i < V; i++) for (let j = 0; j < H; j++) W[i * H + j] = theta[j * V + i];
  const { kind: _k, visible: _v, hidden: _h, height, width, data, epochs, ...training } = t;
  return {
    rbm: { visible: V, hidden: H, W, b: b.slice(), c: theta.slice(V * H) },
    height: Number(height),
    width: Number(width),
    data: String(data ?? 'mnist'),
    epochs: Number(epochs ?? 0),
    training,
  };
}
