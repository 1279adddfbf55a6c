import { McmcMle } from '@ebm/core';
import { SmoothReferenceEnergy } from '../energy/smoothReference.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import type { ImageModel } from '../model/ImageModel.js';
import { runIterations, type TrainProgress } from './trainImageModel.js';

/**
 * Continues training a model loaded from a file (with its stored trainer state: optimiser moments, RNG,
 * persistent chains or replay buffer), exactly as if the first run had not stopped.
 * @param images the same kind of data: [C, H, W] in [0, 1] at the model's training size.
 * @param iterations further parameter updates.
 * @throws RangeError when the file holds no trainer state (it was not saved by training).
 */
export async function resumeTraining(
  m: ImageModel,
  images: readonly ImageTensor[],
  iterations: number,
  onIteration?: TrainProgress,
): Promise<ImageModel> {
  if (!m.trainer) {
    if (!m.trainerState) {
      throw new RangeError(`${m.path ?? 'this model'}: holds no trainer state, so it cannot resume (train without --resume)`);
    }
    m.trainer = McmcMle.restore(new SmoothReferenceEnergy(m.model, m.preset.smoothness), m.trainerState);
  }
  await runIterations(m, images, iterations, onIteration);
  return m;
}
