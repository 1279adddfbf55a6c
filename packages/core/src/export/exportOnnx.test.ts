import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportOnnx, EXPORT_METADATA } from './exportOnnx.js';
import { compileGraph } from '../compile/compileGraph.js';
import { OnnxEnergy, readMetadata } from './OnnxEnergy.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { ModelFileError } from '../model/ModelFileError.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { Rng } from '../random/Rng.js';

/**
 * An exported ONNX file is the model on its own: opened with OnnxEnergy (no spec compiler, no model file), it gives
 * the engine's energies and input gradients for any batch size, and carries the spec, normalisation and sampler
 * defaults as metadata.
 */

/** Largest difference allowed, relative to the largest |value| of the engine's output. */
const REL = 1e-5;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function worstRelative(what: string, actual: Float32Array, expected: Float32Array): number {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expect(scale, `${what}: all zeros`).toBeGreaterThan(0);
  let worst = 0;
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]) / scale;
    if (!(d <= worst)) (worst = Number.isNaN(d) ? Infinity : d), (at = i);
  }
  expect(worst, `${what}: worst relative difference at ${at}: ONNX ${actual[at]} vs engine ${expected[at]}`).toBeLessThanOrEqual(REL);
  return worst;
}

const NETS: { label: string; spec: NetworkSpec }[] = [
  {
    label: '2D conv net with a reference Gaussian',
    spec: {
      input: [3, 12, 12],
      referenceSigma: 0.7,
      layers: [
        { type: 'conv2d', outChannels: 6, kernel: 5, stride: 2, padding: 2 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
        { type: 'softplus' },
      ],
    },
  },
  {
    label: '3D conv net → flatten → linear, mean readout',
    spec: {
      input: [1, 6, 8, 8],
      readout: 'mean',
      layers: [
        { type: 'conv3d', outChannels: 4, kernel: 3, stride: [1, 2, 2], padding: 1 },
        { type: 'elu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 5 },
        { type: 'tanh' },
      ],
    },
  },
];

describe('exportOnnx + OnnxEnergy', () => {
  NETS.forEach((net, k) => {
    it(`${net.label}: energy and dE/dx equal the engine's for batches of 1, 2 and 5`, async () => {
      const model = await EnergyModel.create(net.spec, { seed: 10 + k, threads: 1 });
      const file = join(dir, `net${k}.onnx`);
      writeFileSync(file, exportOnnx(model, { domain: 'voxel' }));
      const onnx = await OnnxEnergy.open(file, { threads: 1 });
      expect(onnx.inputShape).toEqual(net.spec.input);
      const D = shapeSize(net.spec.input);
      const rng = new Rng(100 + k);
      let worst = 0;
      for (const N of [1, 2, 5]) {
        const x = rng.fillNormal(new Float32Array(N * D), 0, 0.8) as Float32Array;
        const engine = await model.energyAndGrad(x);
        const exported = await onnx.energyAndGrad(x);
        worst = Math.max(worst, worstRelative(`energy, batch ${N}`, exported.energy, engine.energy));
        worst = Math.max(worst, worstRelative(`dE/dx, batch ${N}`, exported.grad, engine.grad));
        // Through the sampler interface as well.
        const viaFn = await onnx.energyFn()(x);
        expect(Array.from(viaFn.energy)).toEqual(Array.from(exported.energy));
      }
      console.log(`export ${net.label}: worst relative difference to the engine ${worst.toExponential(2)} (tol ${REL})`);
      // The weights are baked in: changing the model after export does not change the file's energies.
      const x = rng.fillNormal(new Float32Array(2 * D), 0, 0.8) as Float32Array;
      const frozen = await onnx.energyAndGrad(x);
      model.theta.forEach((v, i) => (model.theta[i] = v * 1.5 + 0.01));
      const moved = await model.energyAndGrad(x);
      expect(Array.from(frozen.energy)).not.toEqual(Array.from(moved.energy));
      await onnx.close();
      await model.dispose();
    });
  });

  it('metadata round trip: spec, normalisation, sampler defaults, domain and format', async () => {
    const spec = NETS[0].spec;
    const model = await EnergyModel.create(spec, { seed: 1, threads: 1 });
    const normalisation = { scale: 2 / 255, offset: -1, channels: 'rgb' };
    const sampler = { name: 'langevin', options: { steps: 30, stepSize: 0.3, sigma: 1 } };
    const bytes = exportOnnx(model, { domain: 'image', normalisation, sampler });
    const file = join(dir, 'meta.onnx');
    writeFileSync(file, bytes);
    const onnx = await OnnxEnergy.open(file, { threads: 1 });
    expect(onnx.json('spec')).toEqual(spec);
    expect(onnx.json('normalisation')).toEqual(normalisation);
    expect(onnx.json('sampler')).toEqual(sampler);
    expect(onnx.domain).toBe('image');
    expect(readMetadata(bytes)).toMatchObject({ [EXPORT_METADATA.format]: 'ebm-energy-v1', [EXPORT_METADATA.domain]: 'image' });
    await onnx.close();

    // Without the optional fields the keys are absent, not empty.
    const plain = readMetadata(exportOnnx(model));
    expect(plain[EXPORT_METADATA.normalisation]).toBeUndefined();
    expect(plain[EXPORT_METADATA.sampler]).toBeUndefined();
    expect(plain[EXPORT_METADATA.domain]).toBe('generic');
    await model.dispose();
  });

  it('OnnxEnergy.open names the file when it is missing, not ONNX, or not an exported energy', async () => {
    const missing = join(dir, 'missing.onnx');
    await expect(OnnxEnergy.open(missing)).rejects.toThrow(ModelFileError);
    await expect(OnnxEnergy.open(missing)).rejects.toThrow(`ONNX file ${missing} does not exist`);
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'not a protobuf at all');
    await expect(OnnxEnergy.open(junk)).rejects.toThrow(new RegExp(`${junk.replace(/[.]/g, '\\.')} is not a valid ONNX model`));
    // A training graph of the engine is ONNX, but not an exported energy (parameters are inputs, no metadata).
    const model = await EnergyModel.create(NETS[0].spec, { seed: 1, threads: 1 });
    const graph = join(dir, 'graph.onnx');
    writeFileSync(graph, compileGraph(model.net, 1, 'energy').onnx);
    await model.dispose();
    await expect(OnnxEnergy.open(graph, { threads: 1 })).rejects.toThrow(`${graph} is not an exported energy model (needs input x and outputs energy, grad_x); export one with 'ebm export'`);
  });
});
