import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { exportOnnx } from '../export/exportOnnx.js';
import { OnnxEnergy } from '../export/OnnxEnergy.js';
import { loadModel, saveModel } from '../model/persistModel.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { ClassifierEnergy } from './ClassifierEnergy.js';

/** A classifier EBM travels through model files and ONNX export: the exported file gives energy, grad_x and logits. */

const SPEC: NetworkSpec = {
  input: [1, 6, 6],
  readout: 'logsumexp',
  layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 }, { type: 'silu' }, { type: 'flatten' }, { type: 'linear', outFeatures: 4 }],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-classifier-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classifier EBM in model files and ONNX export', () => {
  it('the exported file outputs energy, grad_x and logits equal to the engine for a batch of 3', async () => {
    const model = await EnergyModel.create(SPEC, { seed: 21, threads: 1 });
    const clf = new ClassifierEnergy(model);
    const file = join(dir, 'clf.onnx');
    writeFileSync(file, exportOnnx(model, { domain: 'image' }));
    const x = new Float32Array(3 * 36).map((_, i) => Math.cos(i));
    const session = await ort.InferenceSession.create(file);
    try {
      expect(session.outputNames).toEqual(['energy', 'logits', 'grad_x']);
      const out = await session.run({ x: new ort.Tensor('float32', x, [3, 1, 6, 6]) });
      const { energy, logits } = await clf.logits(x);
      const { grad } = await model.energyAndGrad(x);
      const worst = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(b, (v, i) => Math.abs(a[i] - v)));
      expect(out.logits.dims).toEqual([3, 4]);
      expect(worst(out.energy.data as Float32Array, energy)).toBeLessThan(1e-5);
      expect(worst(out.logits.data as Float32Array, logits)).toBeLessThan(1e-5);
      expect(worst(out.grad_x.data as Float32Array, grad)).toBeLessThan(1e-5);
      // OnnxEnergy (Langevin from the file alone) opens it like any energy.
      const onnx = await OnnxEnergy.open(file, { threads: 1 });
      expect(worst((await onnx.energyAndGrad(x)).energy, energy)).toBeLessThan(1e-5);
      await onnx.close();
    } finally {
      await session.release();
      await clf.dispose();
      await model.dispose();
    }
  });

  it('a saved model keeps its readout and gives the same logits after loading', async () => {
    const model = await EnergyModel.create(SPEC, { seed: 22, threads: 1 });
    const file = join(dir, 'clf.ebm');
    await saveModel(file, model, { domain: 'image' });
    const { model: loaded } = await loadModel(file, { threads: 1 });
    expect(loaded.spec.readout).toBe('logsumexp');
    const x = new Float32Array(36).fill(0.25);
    const [ca, cb] = [new ClassifierEnergy(model), new ClassifierEnergy(loaded)];
    const a = await ca.logits(x);
    const b = await cb.logits(x);
    expect(Array.from(b.logits)).toEqual(Array.from(a.logits));
    await ca.dispose();
    await cb.dispose();
    await model.dispose();
    await loaded.dispose();
  });
});
