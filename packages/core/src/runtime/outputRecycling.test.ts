import { describe, expect, it } from 'vitest';
import { EnergyModel } from './EnergyModel.js';
import { OUTPUT_RECYCLING } from './outputRecycling.js';
import { Rng } from '../random/Rng.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

const spec: NetworkSpec = {
  input: [3, 128, 128],
  layers: [
    { type: 'conv2d', outChannels: 4, kernel: 3, stride: 2, padding: 1 },
    { type: 'leakyRelu', alpha: 0.2 },
  ],
};
const GRAD_BYTES = 8 * 3 * 128 * 128 * 4; // one batch's dE/dx: 1.5 MB

/** Growth of the process's live ArrayBuffer bytes over `runs` dE/dx runs whose outputs are dropped, in dE/dx sizes. */
async function growth(model: EnergyModel, x: Float32Array, runs: number): Promise<number> {
  await model.energyAndGrad(x);
  const before = process.memoryUsage().arrayBuffers;
  for (let i = 0; i < runs; i++) await model.energyAndGrad(x);
  return (process.memoryUsage().arrayBuffers - before) / GRAD_BYTES;
}

describe('output recycling', () => {
  it('frees each dropped 1.5 MB dE/dx before the next run, keeps held ones, and leaves small outputs to V8', async () => {
    const model = await EnergyModel.create(spec, { seed: 0, threads: 1, engine: 'onnx' });
    const x = new Rng(1).fillNormal(new Float32Array(8 * 3 * 128 * 128)) as Float32Array;
    try {
      // Off: every run's output stays allocated until V8 happens to collect (the negative control).
      OUTPUT_RECYCLING.minBytes = Infinity;
      let before = OUTPUT_RECYCLING.collections;
      expect(await growth(model, x, 5)).toBeGreaterThan(4.5);
      expect(OUTPUT_RECYCLING.collections).toBe(before);

      // On: each run first frees the previous run's output, so nothing accumulates.
      OUTPUT_RECYCLING.minBytes = 1 << 20;
      before = OUTPUT_RECYCLING.collections;
      expect(await growth(model, x, 5)).toBeLessThan(1.5);
      expect(OUTPUT_RECYCLING.collections).toBe(before + 6);

      // A buffer the caller still holds survives the collections, with its values.
      const kept = (await model.energyAndGrad(x)).grad;
      const copy = kept.slice();
      for (let i = 0; i < 3; i++) await model.energyAndGrad(x.map((v) => -v));
      expect(kept).toEqual(copy);

      // Energies alone (8 floats per run) stay below the threshold: after the one collection the last dE/dx
      // asks for, none.
      before = OUTPUT_RECYCLING.collections;
      for (let i = 0; i < 20; i++) await model.energy(x);
      expect(OUTPUT_RECYCLING.collections).toBe(before + 1);
    } finally {
      OUTPUT_RECYCLING.minBytes = 1 << 20;
      await model.dispose();
    }
  });
});
