import { ClassifierEnergy, EnergyModel } from '@ebm/core';
import type { JemModel } from './JemModel.js';
import type { JemOptions } from './JemOptions.js';
import { JemTrainer, type JemEvent } from './JemTrainer.js';
import type { LabelledImages } from './LabelledImages.js';
import { jemNetwork } from './jemNetwork.js';

/** Options of {@link trainJem}. */
export interface TrainJemOptions {
  iterations: number;
  /** Training settings beyond JEM_DEFAULTS. */
  jem?: Partial<JemOptions>;
  /** Channels of the first conv layer (see jemNetwork); default 32. */
  width?: number;
  /** Where the data came from ('mnist' or a folder), stored in the model. */
  data: string;
  /** onnxruntime threads. */
  threads?: number;
  /** θ to start from (a classifier of the same network, e.g. a plain one); default He initialisation with the seed. */
  init?: Float32Array;
  /** Called after every iteration. */
  onIteration?: (e: JemEvent, model: JemModel) => void | Promise<void>;
}

/**
 * Builds the JEM classifier for `train` (jemNetwork, He-initialised with the seed or started at `init`) and trains it by JEM's hybrid
 * objective. Returns the trained model; a divergence throws TrainingDivergedError (θ at the last good iteration) after
 * the callback has seen every good iteration.
 */
export async function trainJem(train: LabelledImages, options: TrainJemOptions): Promise<JemModel> {
  const seed = options.jem?.seed ?? 0;
  const spec = jemNetwork({ input: train.shape, classes: train.classNames.length, width: options.width });
  const model = await EnergyModel.create(spec, { seed, threads: options.threads, ...(options.init ? { theta: options.init } : {}) });
  const classifier = new ClassifierEnergy(model);
  const trainer = new JemTrainer(classifier, options.jem);
  const m: JemModel = { model, classifier, classNames: train.classNames, data: options.data, iteration: 0, options: trainer.options, replay: new Float32Array(0) };
  const sync = () => {
    m.iteration = trainer.iteration;
    m.replay = trainer.replay?.samples ?? new Float32Array(0);
  };
  for await (const e of trainer.run(train, options.iterations)) {
    sync();
    await options.onIteration?.(e, m);
  }
  sync();
  return m;
}
