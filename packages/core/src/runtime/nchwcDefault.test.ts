import { describe, expect, it } from 'vitest';
import onnxProto from 'onnx-proto';
import { EnergyModel } from './EnergyModel.js';
import { nchwcBlockSize } from './nchwcBlockSize.js';
import { CONV_RULES } from '../layers/conv.js';
import { NCHWC_DOMAIN } from '../layers/convNchwc.js';
import { compileGraph } from '../compile/compileGraph.js';
import { exportOnnx } from '../export/exportOnnx.js';
import { Rng } from '../random/Rng.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** A 2D net whose second conv reads 16 channels (a whole NCHWc block on AVX-512, two on AVX2). */
const SPEC: NetworkSpec = {
  input: [3, 12, 12],
  layers: [
    { type: 'conv2d', outChannels: 16, kernel: 3, stride: 2, padding: 1 },
    { type: 'leakyRelu' },
    { type: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
    { type: 'leakyRelu' },
    { type: 'conv2d', outChannels: 1, kernel: 3 },
  ],
};

function nchwcNodes(onnx: Uint8Array): number {
  return (onnxProto.onnx.ModelProto.decode(onnx).graph?.node ?? []).filter((n) => n.domain === NCHWC_DOMAIN).length;
}

/** Two gradients agree to 1e-4 of the reference's largest entry (float32 sums in another order), which is not 0. */
function expectSameGradient(actual: Float32Array, reference: Float32Array): void {
  let maxAbs = 0;
  let maxDiff = 0;
  for (let i = 0; i < reference.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(reference[i]));
    maxDiff = Math.max(maxDiff, Math.abs(reference[i] - actual[i]));
  }
  expect(maxAbs).toBeGreaterThan(0);
  expect(maxDiff).toBeLessThan(1e-4 * maxAbs);
}

describe('NCHWc forwards by default on the CPU provider', () => {
  it('EnergyModel.create sets the block size; its dE/dθ graphs then use NCHWc Convs, give the ONNX Conv gradients, and exports stay standard ONNX', async () => {
    const block = await nchwcBlockSize();
    const saved = { ...CONV_RULES };
    try {
      const model = await EnergyModel.create(SPEC, { seed: 1, threads: 1 });
      expect(CONV_RULES.nchwcBlock).toBe(block);
      const rng = new Rng(2);
      const x = rng.fillNormal(new Float32Array(4 * 3 * 12 * 12)) as Float32Array;
      const w = new Float32Array(4).fill(0.25);
      if (block > 0) expect(nchwcNodes(compileGraph(model.resolveFor(), 4, 'paramGrad', { cpuKernels: true }).onnx)).toBeGreaterThan(0);
      // Graphs for other runtimes (exports, profiles) stay standard ONNX.
      expect(nchwcNodes(compileGraph(model.resolveFor(), 4, 'paramGrad').onnx)).toBe(0);
      expect(nchwcNodes(exportOnnx(model))).toBe(0);
      const withNchwc = Float32Array.from((await model.paramGrad(x, w)).grad);
      await model.dispose();
      // The same gradients with the forward forced onto ONNX Conv (a fresh model compiles fresh graphs).
      CONV_RULES.forward = 'conv';
      const plain = await EnergyModel.create(SPEC, { seed: 1, threads: 1 });
      expect(nchwcNodes(compileGraph(plain.resolveFor(), 4, 'paramGrad', { cpuKernels: true }).onnx)).toBe(0);
      const withConv = (await plain.paramGrad(x, w)).grad;
      await plain.dispose();
      expectSameGradient(withNchwc, withConv);
    } finally {
      Object.assign(CONV_RULES, saved);
    }
  });
});

describe('exports of a 3D net with θ baked in', () => {
  it('stay standard ONNX after an engine model has enabled the NCHWc forwards (stacked 2D convs included)', async () => {
    const model = await EnergyModel.create(
      { input: [1, 8, 8, 8], layers: [{ type: 'conv3d', outChannels: 4, kernel: 3, stride: 2, padding: 1 }, { type: 'leakyRelu' }, { type: 'conv3d', outChannels: 2, kernel: 3, stride: 2, padding: 1 }] },
      { seed: 3, threads: 1 },
    );
    const bytes = exportOnnx(model, { domain: 'voxel' });
    await model.dispose();
    expect(nchwcNodes(bytes)).toBe(0);
    expect(onnxProto.onnx.ModelProto.decode(bytes).opsetImport.map((o) => o.domain ?? '')).toEqual(['']);
  });
});

describe('a 3D net in the engine on the CPU provider', () => {
  it('trains through stacked 2D convs on NCHWc kernels and gets the gradients of the plain ONNX graphs', async () => {
    const saved = { ...CONV_RULES };
    const spec: NetworkSpec = {
      input: [3, 4, 10, 10],
      layers: [
        { type: 'conv3d', outChannels: 16, kernel: [3, 5, 5], stride: [1, 2, 2], padding: [1, 2, 2] },
        { type: 'leakyRelu' },
        { type: 'conv3d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu' },
      ],
    };
    try {
      const model = await EnergyModel.create(spec, { seed: 4, threads: 1 });
      const x = new Rng(5).fillNormal(new Float32Array(2 * 3 * 4 * 10 * 10)) as Float32Array;
      const w = new Float32Array([0.5, -0.5]);
      const gradOf = async (m: EnergyModel) => Float32Array.from((await m.paramGrad(x, w)).grad);
      const engine = await gradOf(model);
      await model.dispose();
      if (CONV_RULES.nchwcBlock > 0) expect(nchwcNodes(compileGraph(model.resolveFor(), 2, 'paramGrad', { cpuKernels: true }).onnx)).toBeGreaterThan(0);
      const plain = await EnergyModel.create(spec, { seed: 4, threads: 1 });
      // The plain ONNX plan (onnxruntime's 3D Conv forward and weight gradient): graphs compile at first use.
      CONV_RULES.nchwcBlock = 0;
      expect(nchwcNodes(compileGraph(plain.resolveFor(), 2, 'paramGrad', { cpuKernels: true }).onnx)).toBe(0);
      const reference = await gradOf(plain);
      await plain.dispose();
      expectSameGradient(engine, reference);
    } finally {
      Object.assign(CONV_RULES, saved);
    }
  });
});
