import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileGraph, GRAPH_NAMES, type GraphKind } from './compileGraph.js';
import { EnergyModel } from '../runtime/EnergyModel.js';
import { resolveNetwork, shapeSize } from '../spec/resolveNetwork.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { Rng } from '../random/Rng.js';

/**
 * The compiled graphs are self-contained ONNX files: written to disk and opened in a fresh onnxruntime session
 * (default options), fed x, w and the parameters by name, they give EnergyModel's numbers.
 */

const REL = 1e-6;
let dir: string;
let worstSeen = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-onnx-reload-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`onnx reload: worst relative difference to EnergyModel ${worstSeen.toExponential(2)}`);
});

function expectClose(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  let worst = 0;
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    const rel = Number.isNaN(d) ? Infinity : d / Math.max(scale, 1e-30);
    if (rel > worst) (worst = rel), (at = i);
  }
  expect(worst, `${what}: worst relative difference at ${at}: file ${actual[at]} vs EnergyModel ${expected[at]}`).toBeLessThanOrEqual(REL);
  expect(scale, `${what}: all zeros`).toBeGreaterThan(0);
  worstSeen = Math.max(worstSeen, worst);
  return worst;
}

const NETS: { label: string; spec: NetworkSpec; batch: number }[] = [
  {
    label: '2D conv net, strided, sub-pixel and ConvTranspose input gradients',
    batch: 3,
    spec: {
      input: [2, 11, 11],
      layers: [
        { type: 'conv2d', outChannels: 4, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 3, kernel: 5, stride: 3, bias: false },
        { type: 'silu' },
      ],
    },
  },
  {
    label: '3D conv net → flatten → linear, mean readout, reference Gaussian',
    batch: 2,
    spec: {
      input: [1, 5, 7, 7],
      readout: 'mean',
      referenceSigma: 1.3,
      layers: [
        { type: 'conv3d', outChannels: 3, kernel: [3, 3, 3], stride: [1, 2, 2], padding: 1 },
        { type: 'elu', alpha: 0.5 },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 2 },
        { type: 'tanh' },
      ],
    },
  },
];

describe('compiled graphs reloaded from .onnx files', () => {
  NETS.forEach((c, ni) => {
    it(`${c.label}: all three graph kinds give EnergyModel's numbers`, async () => {
      const model = await EnergyModel.create(c.spec, { seed: 40 + ni, threads: 1 });
      const net = resolveNetwork(c.spec);
      const rng = new Rng(900 + ni);
      const x = rng.fillNormal(new Float32Array(c.batch * shapeSize(net.inShape))) as Float32Array;
      const w = rng.fillNormal(new Float32Array(c.batch)) as Float32Array;
      try {
        const energy = await model.energy(x);
        const { grad } = await model.energyAndGrad(x);
        const { grad: gTheta } = await model.paramGrad(x, w);

        for (const kind of ['energy', 'inputGrad', 'paramGrad'] as GraphKind[]) {
          const graph = compileGraph(net, c.batch, kind, { cpuKernels: true }); // as EnergyModel compiles it on the CPU
          expect(graph.inputs).toEqual([GRAPH_NAMES.x, ...(kind === 'paramGrad' ? [GRAPH_NAMES.weights] : []), ...model.params.map((p) => p.name)]);
          const path = join(dir, `net${ni}_${kind}.onnx`);
          writeFileSync(path, graph.onnx);
          const session = await ort.InferenceSession.create(path);
          try {
            expect([...session.inputNames].sort()).toEqual([...graph.inputs].sort());
            expect([...session.outputNames].sort()).toEqual([...graph.outputs].sort());
            const feeds: Record<string, ort.Tensor> = { [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [c.batch, ...net.inShape]) };
            if (kind === 'paramGrad') feeds[GRAPH_NAMES.weights] = new ort.Tensor('float32', w, [c.batch]);
            model.params.forEach((p, i) => (feeds[p.name] = new ort.Tensor('float32', model.paramTensors[i], p.shape)));
            const out = await session.run(feeds);
            expectClose(`${kind}: energy`, out[GRAPH_NAMES.energy].data as Float32Array, energy);
            expect(out[GRAPH_NAMES.energy].dims).toEqual([c.batch]);
            if (kind === 'inputGrad') {
              expect(out[GRAPH_NAMES.inputGrad].dims).toEqual([c.batch, ...net.inShape]);
              expectClose('inputGrad: dE/dx', out[GRAPH_NAMES.inputGrad].data as Float32Array, grad);
            }
            if (kind === 'paramGrad') {
              let off = 0;
              for (const p of model.params) {
                const t = out[GRAPH_NAMES.paramGrad(p.name)];
                expect(t.dims, p.name).toEqual(p.shape);
                const n = shapeSize(p.shape);
                expectClose(`paramGrad: ${p.name}`, t.data as Float32Array, gTheta.subarray(off, off + n));
                off += n;
              }
              expect(off).toBe(model.theta.length);
            }
          } finally {
            await session.release();
          }
        }
      } finally {
        await model.dispose();
      }
    });
  });

  it('a graph with baked parameters (export form) needs only x and carries its metadata', async () => {
    const c = NETS[1];
    const model = await EnergyModel.create(c.spec, { seed: 7, threads: 1 });
    const net = resolveNetwork(c.spec);
    const x = new Rng(5).fillNormal(new Float32Array(c.batch * shapeSize(net.inShape))) as Float32Array;
    try {
      const { energy, grad } = await model.energyAndGrad(x);
      const graph = compileGraph(net, c.batch, 'inputGrad', { bakedParams: model.paramTensors, metadata: { note: 'reload test' } });
      expect(graph.inputs).toEqual([GRAPH_NAMES.x]);
      const path = join(dir, 'baked.onnx');
      writeFileSync(path, graph.onnx);
      const session = await ort.InferenceSession.create(path);
      try {
        expect([...session.inputNames]).toEqual([GRAPH_NAMES.x]);
        const out = await session.run({ [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [c.batch, ...net.inShape]) });
        expectClose('baked: energy', out[GRAPH_NAMES.energy].data as Float32Array, energy);
        expectClose('baked: dE/dx', out[GRAPH_NAMES.inputGrad].data as Float32Array, grad);
      } finally {
        await session.release();
      }
      // The bytes name the metadata (ONNX metadata_props are plain strings in the protobuf).
      expect(Buffer.from(graph.onnx).includes(Buffer.from('reload test'))).toBe(true);
    } finally {
      await model.dispose();
    }
  });

  it('a reloaded graph follows its parameter inputs (changing θ changes E)', async () => {
    const c = NETS[0];
    const model = await EnergyModel.create(c.spec, { seed: 3, threads: 1 });
    const net = resolveNetwork(c.spec);
    const x = new Rng(6).fillNormal(new Float32Array(c.batch * shapeSize(net.inShape))) as Float32Array;
    const path = join(dir, 'energy_theta.onnx');
    writeFileSync(path, compileGraph(net, c.batch, 'energy').onnx);
    const session = await ort.InferenceSession.create(path);
    try {
      const run = async () => {
        const feeds: Record<string, ort.Tensor> = { [GRAPH_NAMES.x]: new ort.Tensor('float32', x, [c.batch, ...net.inShape]) };
        model.params.forEach((p, i) => (feeds[p.name] = new ort.Tensor('float32', model.paramTensors[i], p.shape)));
        return Float32Array.from((await session.run(feeds))[GRAPH_NAMES.energy].data as Float32Array);
      };
      const before = await run();
      expectClose('energy before', before, await model.energy(x));
      for (let i = 0; i < model.theta.length; i++) model.theta[i] *= 1.5;
      const after = await run();
      expectClose('energy after θ ← 1.5θ', after, await model.energy(x));
      expect(Array.from(after)).not.toEqual(Array.from(before));
    } finally {
      await session.release();
      await model.dispose();
    }
  });
});
