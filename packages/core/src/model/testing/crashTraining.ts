// Test-only: the training run of crashSafety.test.ts, shared by the test (uninterrupted reference) and the child
// process it kills (checkpointLoop.ts), so both run exactly the same thing.
import { EnergyModel } from '../../runtime/EnergyModel.js';
import { McmcMle } from '../../train/McmcMle.js';
import type { NetworkSpec } from '../../spec/NetworkSpec.js';
import { Langevin } from '../../samplers/Langevin.js';
import { Adam } from '../../optim/Adam.js';
import { Rng } from '../../random/Rng.js';

/** 32·32 → 512 → 1: 525 825 parameters, so a checkpoint (θ and Adam's two moments) is about 6.3 MB and takes a
 * while to write, which is where the kills should land. */
export const CRASH_SPEC: NetworkSpec = {
  input: [1, 32, 32],
  referenceSigma: 1,
  layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 512 }, { type: 'tanh' }, { type: 'linear', outFeatures: 1 }],
};

/** 12 samples [12·1024] uniform in [−1, 1). */
export function crashData(): Float32Array {
  return new Rng(31).fillUniform(new Float32Array(12 * 1024), -1, 1) as Float32Array;
}

/** A fresh model and trainer, seeded. */
export async function crashTrainer(): Promise<{ model: EnergyModel; trainer: McmcMle }> {
  const model = await EnergyModel.create(CRASH_SPEC, { seed: 5, threads: 1 });
  const trainer = new McmcMle(model, {
    sampler: new Langevin({ steps: 2, stepSize: 0.05 }),
    optimizer: new Adam(model.theta.length, { lr: 1e-3 }),
    init: 'persistent',
    chains: 4,
    batchSize: 4,
    seed: 6,
  });
  return { model, trainer };
}
