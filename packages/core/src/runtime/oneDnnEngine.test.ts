import { afterEach, describe, expect, it } from 'vitest';
import { EnergyModel } from './EnergyModel.js';
import { RuntimeError } from './RuntimeError.js';
import { loadOneDnn } from './oneDnnAddon.js';
import { nativeProgram } from './nativeProgram.js';
import { OneDnnNet, ONEDNN_SYNC, firstConvLayout } from './OneDnnNet.js';
import { BENCH_NETS } from '../spec/presets.js';
import { checkGradients } from '../testing/gradientCheck.js';
import { referenceEnergy } from '../testing/referenceEnergy.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { Rng } from '../random/Rng.js';

/**
 * The oneDNN engine (packages/core/native) against central finite differences of the float64 reference forward,
 * the same check the graph rules pass (testing/gradientCheck.ts), on every layer kind it runs: conv2d and conv3d
 * (strides, paddings, per-axis sizes, no bias, one input channel as in the voxel nets, which oneDNN runs on its
 * GEMM path), each activation fused into the conv before it (relu, leakyRelu, elu, tanh: their backward reads the
 * conv's output) or run as its own step (softplus, silu, or an activation first), flatten + linear, flat inputs, the
 * mean readout and the reference Gaussian. Negative controls show the comparison catches a wrong program, and the
 * engine choice fails clearly where oneDNN cannot run.
 */

const SAMPLES = 120;

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  {
    label: '2D conv k3s1p1 → leakyRelu → conv k4s2p1 → tanh (both fused)',
    batch: 3,
    spec: {
      input: [3, 10, 10],
      layers: [
        { type: 'conv2d', outChannels: 5, kernel: 3, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv2d', outChannels: 4, kernel: 4, stride: 2, padding: 1 },
        { type: 'tanh' },
      ],
    },
  },
  {
    label: '3D conv k[3,5,5] s[1,2,2] p[1,2,2] → leakyRelu → conv k3s2p1 → elu (video pattern)',
    batch: 2,
    spec: {
      input: [3, 4, 9, 9],
      layers: [
        { type: 'conv3d', outChannels: 4, kernel: [3, 5, 5], stride: [1, 2, 2], padding: [1, 2, 2] },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv3d', outChannels: 6, kernel: 3, stride: 2, padding: 1 },
        { type: 'elu', alpha: 0.7 },
      ],
    },
  },
  {
    label: '3D one input channel, conv k6s3 → relu → conv k2s2 → relu → flatten → linear (voxel pattern, GEMM path)',
    batch: 3,
    spec: {
      input: [1, 12, 12, 12],
      layers: [
        { type: 'conv3d', outChannels: 5, kernel: 6, stride: 3, padding: 0 },
        { type: 'relu' },
        { type: 'conv3d', outChannels: 3, kernel: 2, stride: 2, padding: 0 },
        { type: 'relu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 1 },
      ],
    },
  },
  {
    label: '2D no bias, per-axis k[2,3] s[3,2] p[1,0] → softplus → conv → silu (separate steps), mean readout, σ = 1.5',
    batch: 2,
    spec: {
      input: [2, 9, 8],
      readout: 'mean',
      referenceSigma: 1.5,
      layers: [
        { type: 'conv2d', outChannels: 3, kernel: [2, 3], stride: [3, 2], padding: [1, 0], bias: false },
        { type: 'softplus' },
        { type: 'conv2d', outChannels: 2, kernel: 2 },
        { type: 'silu' },
      ],
    },
  },
  {
    label: '3D per-axis stride, no bias → silu → conv k1 p1 → tanh → flatten → linear(3) → elu',
    batch: 2,
    spec: {
      input: [2, 5, 7, 6],
      layers: [
        { type: 'conv3d', outChannels: 3, kernel: [3, 3, 2], stride: [2, 1, 3], padding: [1, 1, 0], bias: false },
        { type: 'silu' },
        { type: 'conv3d', outChannels: 2, kernel: 1, padding: 1 },
        { type: 'tanh' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 3 },
        { type: 'elu' },
      ],
    },
  },
  {
    label: 'an activation first (tanh on x) → conv → leakyRelu',
    batch: 2,
    spec: { input: [2, 6, 6], layers: [{ type: 'tanh' }, { type: 'conv2d', outChannels: 3, kernel: 3 }, { type: 'leakyRelu', alpha: 0.1 }] },
  },
  {
    label: 'flat input: linear → leakyRelu(0.1) → linear → softplus, σ = 0.8',
    batch: 4,
    spec: {
      input: [7],
      referenceSigma: 0.8,
      layers: [{ type: 'linear', outFeatures: 5 }, { type: 'leakyRelu', alpha: 0.1 }, { type: 'linear', outFeatures: 3 }, { type: 'softplus' }],
    },
  },
  {
    label: '2D channels 3 → 8 → 16 → 12 (blocks of 8 between kernels that want 16: staged layouts)',
    batch: 2,
    spec: {
      input: [3, 12, 12],
      layers: [
        { type: 'conv2d', outChannels: 8, kernel: 5, stride: 2, padding: 2 },
        { type: 'leakyRelu' },
        { type: 'conv2d', outChannels: 16, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu' },
        { type: 'conv2d', outChannels: 12, kernel: 3, padding: 1 },
        { type: 'tanh' },
      ],
    },
  },
  {
    label: '3D channels 1 → 8 → 24 → flatten → linear (staged layouts in 3D)',
    batch: 2,
    spec: {
      input: [1, 8, 8, 8],
      layers: [
        { type: 'conv3d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
        { type: 'relu' },
        { type: 'conv3d', outChannels: 24, kernel: 3, stride: 2, padding: 1 },
        { type: 'elu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 2 },
      ],
    },
  },
];

describe('oneDNN engine', () => {
  const savedEnv = process.env.EBM_ENGINE;
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.EBM_ENGINE;
    else process.env.EBM_ENGINE = savedEnv;
  });

  it('the addon is built and loads (scripts/setup.sh installs libdnnl-dev and builds it)', () => {
    const loaded = loadOneDnn();
    expect('reason' in loaded ? loaded.reason : 'loaded').toBe('loaded');
  });

  describe('vs float64 finite differences', () => {
    CASES.forEach((c, i) => {
      it(c.label, async () => {
        const model = await EnergyModel.create(c.spec, { engine: 'onednn', threads: 1 });
        expect(model.engineFor()).toBe('onednn');
        await model.dispose();
        const r = await checkGradients(c.spec, c.batch, 20 + i, SAMPLES, undefined, 'onednn');
        expect(r.mismatches).toEqual([]);
        expect(r.checked).toBeGreaterThan(c.batch);
      });
    });
  });

  // The weight gradient of a conv on the input as a forward conv over samples-as-channels (forward_weight_gradient.cc),
  // which 'auto' takes where oneDNN's backward-weights kernel is its GEMM fallback; forced here on other geometries:
  // padding, per-axis strides, trailing inputs no output reads (cropped), several input channels, no bias.
  describe('weight gradient as a forward convolution (EBM_DNNL_WGRAD=forward) vs float64 finite differences', () => {
    const FORCED: { label: string; spec: NetworkSpec; batch: number }[] = [
      {
        label: '2D three channels k3s1p1 → tanh',
        batch: 3,
        spec: { input: [3, 7, 6], layers: [{ type: 'conv2d', outChannels: 4, kernel: 3, padding: 1 }, { type: 'tanh' }] },
      },
      {
        label: '3D k4 s3 p1 on 13³ (the last input row unread) → leakyRelu → conv k2',
        batch: 2,
        spec: {
          input: [1, 13, 13, 13],
          layers: [{ type: 'conv3d', outChannels: 3, kernel: 4, stride: 3, padding: 1 }, { type: 'leakyRelu' }, { type: 'conv3d', outChannels: 2, kernel: 2 }],
        },
      },
      {
        label: '3D two channels, no bias, k[2,3,3] s[1,2,3] p[0,1,1] → elu',
        batch: 2,
        spec: { input: [2, 4, 7, 8], layers: [{ type: 'conv3d', outChannels: 3, kernel: [2, 3, 3], stride: [1, 2, 3], padding: [0, 1, 1], bias: false }, { type: 'elu' }] },
      },
    ];
    FORCED.forEach((c, i) => {
      it(c.label, async () => {
        process.env.EBM_DNNL_WGRAD = 'forward';
        try {
          const r = await checkGradients(c.spec, c.batch, 40 + i, SAMPLES, undefined, 'onednn');
          expect(r.mismatches).toEqual([]);
        } finally {
          delete process.env.EBM_DNNL_WGRAD;
        }
      });
    });
  });

  // The input layer's dE/dx as our GEMM per sample and a column scatter (gemm_input_gradient.cc), which 'auto' takes
  // where oneDNN's kernel is its GEMM fallback (the voxel net's first layer); forced here (EBM_DNNL_GX_GEMM=1).
  describe('input gradient as GEMM and scatter (EBM_DNNL_GX_GEMM=1) vs float64 finite differences', () => {
    const FORCED: { label: string; spec: NetworkSpec; batch: number }[] = [
      {
        label: '3D one channel k4 s3 on 13³ (an unread trailing row) → relu → conv k2 → relu → flatten → linear',
        batch: 3,
        spec: {
          input: [1, 13, 13, 13],
          layers: [
            { type: 'conv3d', outChannels: 5, kernel: 4, stride: 3 },
            { type: 'relu' },
            { type: 'conv3d', outChannels: 3, kernel: 2 },
            { type: 'relu' },
            { type: 'flatten' },
            { type: 'linear', outFeatures: 1 },
          ],
        },
      },
      {
        label: '2D three channels k5 s2 p2 → leakyRelu → conv k3',
        batch: 2,
        spec: { input: [3, 9, 10], layers: [{ type: 'conv2d', outChannels: 4, kernel: 5, stride: 2, padding: 2 }, { type: 'leakyRelu' }, { type: 'conv2d', outChannels: 2, kernel: 3 }] },
      },
      {
        label: '3D two channels k[2,3,4] s[2,1,3] p[1,1,2], no bias → tanh (an odd batch over two threads)',
        batch: 3,
        spec: { input: [2, 5, 6, 9], layers: [{ type: 'conv3d', outChannels: 3, kernel: [2, 3, 4], stride: [2, 1, 3], padding: [1, 1, 2], bias: false }, { type: 'tanh' }] },
      },
    ];
    FORCED.forEach((c, i) => {
      it(c.label, async () => {
        process.env.EBM_DNNL_GX_GEMM = '1';
        process.env.EBM_DNNL_S2D = '0'; // the GEMM path serves the plain input, not its stride phases
        try {
          // Two threads: the samples are split between them.
          const r = await checkGradients(c.spec, c.batch, 80 + i, SAMPLES, undefined, 'onednn', 2);
          expect(r.mismatches).toEqual([]);
        } finally {
          delete process.env.EBM_DNNL_GX_GEMM;
          delete process.env.EBM_DNNL_S2D;
        }
      });
    });
  });

  // A strided first conv as a stride-1 conv on the input's stride phases (space_to_depth.cc): 'auto' takes it for 3D
  // inputs of few channels in E and dE/dx nets; forced here (EBM_DNNL_S2D=1) on 2D and 3D geometries, in every net
  // kind (the parameter-gradient net too): padding, kernels not a multiple of the stride, unread trailing inputs.
  describe('first conv on the stride phases (EBM_DNNL_S2D=1) vs float64 finite differences', () => {
    const FORCED: { label: string; spec: NetworkSpec; batch: number }[] = [
      {
        label: '3D video pattern k[3,5,5] s[1,2,2] p[1,2,2] → leakyRelu → conv k3s2p1',
        batch: 2,
        spec: CASES[1].spec,
      },
      {
        label: '2D k5 s2 p2 → leakyRelu → conv k3 s2 p1 → tanh',
        batch: 2,
        spec: {
          input: [3, 11, 10],
          layers: [
            { type: 'conv2d', outChannels: 4, kernel: 5, stride: 2, padding: 2 },
            { type: 'leakyRelu' },
            { type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 },
            { type: 'tanh' },
          ],
        },
      },
      {
        label: '3D one channel k4 s3 on 13³ (unread trailing input), no bias → elu → flatten → linear',
        batch: 2,
        spec: {
          input: [1, 13, 13, 13],
          layers: [{ type: 'conv3d', outChannels: 3, kernel: 4, stride: 3, bias: false }, { type: 'elu' }, { type: 'flatten' }, { type: 'linear', outFeatures: 2 }],
        },
      },
      {
        label: '3D two channels k[2,3,4] s[2,1,3] p[1,1,0] → silu, σ = 2',
        batch: 2,
        spec: { input: [2, 5, 6, 9], referenceSigma: 2, layers: [{ type: 'conv3d', outChannels: 3, kernel: [2, 3, 4], stride: [2, 1, 3], padding: [1, 1, 0] }, { type: 'silu' }] },
      },
    ];
    FORCED.forEach((c, i) => {
      it(c.label, async () => {
        process.env.EBM_DNNL_S2D = '1';
        try {
          const r = await checkGradients(c.spec, c.batch, 60 + i, SAMPLES, undefined, 'onednn');
          expect(r.mismatches).toEqual([]);
        } finally {
          delete process.env.EBM_DNNL_S2D;
        }
      });
    });
  });

  it('agrees with the onnxruntime graphs on E, dE/dx and Σ w dE/dθ, and on a frozen snapshot', async () => {
    const spec = CASES[1].spec;
    const native = await EnergyModel.create(spec, { seed: 5, engine: 'onednn', threads: 2 });
    const graphs = await EnergyModel.create(spec, { theta: native.theta, engine: 'onnx', threads: 2 });
    try {
      const rng = new Rng(9);
      const x = rng.fillNormal(new Float32Array(3 * shapeSize(spec.input))) as Float32Array;
      const w = new Float32Array([0.5, -1, 2]);
      const a = await native.energyAndGrad(x);
      const b = await graphs.energyAndGrad(x);
      expect(maxRel(a.energy, b.energy)).toBeLessThan(1e-5);
      expect(maxRel(a.grad, b.grad)).toBeLessThan(1e-4);
      const pa = await native.paramGrad(x, w);
      const pb = await graphs.paramGrad(x, w);
      expect(maxRel(pa.energy, pb.energy)).toBeLessThan(1e-5);
      expect(maxRel(pa.grad, pb.grad)).toBeLessThan(1e-4);
      // A snapshot keeps its θ when the model's changes (the oneDNN copy is taken once).
      const frozen = native.freeze();
      const before = await frozen.energyAndGrad(x);
      expect(maxRel(before.grad, a.grad)).toBe(0);
      native.theta.fill(0.01);
      const after = await frozen.energyAndGrad(x);
      expect(maxRel(after.grad, a.grad)).toBe(0);
      expect(maxRel((await native.energyAndGrad(x)).grad, a.grad)).toBeGreaterThan(0.1);
      await frozen.dispose();
    } finally {
      await native.dispose();
      await graphs.dispose();
    }
  });

  it('every first-conv layout gives the same E and dE/dx; the rule picks phases in 3D and in large 2D batches', async () => {
    const spec: NetworkSpec = CASES[1].spec; // 3D, stride [1,2,2] on 3 channels: phases on/off × plain/blocked dE/dx
    const model = await EnergyModel.create(spec, { seed: 6, engine: 'onednn', threads: 2 });
    const loaded = loadOneDnn();
    if ('reason' in loaded) throw new Error(loaded.reason);
    const x = new Rng(12).fillNormal(new Float32Array(2 * shapeSize(spec.input))) as Float32Array;
    const variants = [
      { phases: 'off', inputGradLayout: 'plain' },
      { phases: 'off', inputGradLayout: 'blocked' },
      { phases: 'on', inputGradLayout: 'plain' },
      { phases: 'on', inputGradLayout: 'blocked' },
    ] as const;
    const results = [];
    for (const v of variants) {
      const net = new OneDnnNet(loaded.addon, model.net, 2, 'inputGrad', v);
      results.push(await net.run(x, model.theta, 1));
    }
    for (const r of results.slice(1)) {
      expect(maxRel(r.energy, results[0].energy)).toBeLessThan(1e-5);
      expect(maxRel(r.gradX!, results[0].gradX!)).toBeLessThan(1e-5);
    }
    expect(firstConvLayout(model.net, 2, 'inputGrad')).toEqual({ phases: 'on', inputGradLayout: 'blocked' });
    expect(firstConvLayout(model.net, 2, 'paramGrad')).toEqual({});
    const texture = await EnergyModel.create(BENCH_NETS.texture.spec, { engine: 'onednn' });
    expect(firstConvLayout(texture.net, 8, 'inputGrad')).toEqual({ phases: 'on', inputGradLayout: 'blocked' });
    expect(firstConvLayout(texture.net, 2, 'inputGrad')).toEqual({ phases: 'off', inputGradLayout: 'blocked' });
    await texture.dispose();
    await model.dispose();
  });

  it('small runs on the calling thread give the same results as runs on a worker thread', async () => {
    const spec = CASES[0].spec;
    const model = await EnergyModel.create(spec, { seed: 8, engine: 'onednn', threads: 2 });
    const loaded = loadOneDnn();
    if ('reason' in loaded) throw new Error(loaded.reason);
    const x = new Rng(13).fillNormal(new Float32Array(3 * shapeSize(spec.input))) as Float32Array;
    const w = new Float32Array([1, -0.5, 0.25]);
    const net = new OneDnnNet(loaded.addon, model.net, 3, 'paramGrad');
    const saved = ONEDNN_SYNC.maxFlops;
    try {
      ONEDNN_SYNC.maxFlops = Infinity;
      const sync = await net.run(x, model.theta, 2, w);
      ONEDNN_SYNC.maxFlops = 0;
      const worker = await net.run(x, model.theta, 2, w);
      expect(Array.from(sync.energy)).toEqual(Array.from(worker.energy));
      expect(maxRel(sync.gradTheta!, worker.gradTheta!)).toBe(0);
    } finally {
      ONEDNN_SYNC.maxFlops = saved;
    }
    await model.dispose();
  });

  it("never runs oneDNN's reference kernels: channel counts that are not multiples of 16, in every net kind", async () => {
    // Before inputs were staged, a conv fed 8 channels blocked by 8 got the reference kernel (the image inpainting
    // test: 96 s instead of 4).
    const loaded = loadOneDnn();
    if ('reason' in loaded) throw new Error(loaded.reason);
    for (const c of CASES) {
      const model = await EnergyModel.create(c.spec, { engine: 'onednn', threads: 1 });
      for (const mode of ['energy', 'inputGrad', 'paramGrad'] as const) {
        const impls = new OneDnnNet(loaded.addon, model.net, 4, mode).implementations();
        expect(impls.length, c.label).toBeGreaterThan(0);
        expect(impls.filter((i) => / ref(:|$)/.test(i)), `${c.label} (${mode})`).toEqual([]);
      }
      await model.dispose();
    }
  });

  it('queues concurrent runs of one network: the results equal sequential ones', async () => {
    const spec = CASES[0].spec;
    const model = await EnergyModel.create(spec, { seed: 2, engine: 'onednn', threads: 2 });
    const rng = new Rng(4);
    const xs = [0, 1, 2, 3].map(() => rng.fillNormal(new Float32Array(2 * shapeSize(spec.input))) as Float32Array);
    const sequential = [];
    for (const x of xs) sequential.push(await model.energyAndGrad(x));
    const concurrent = await Promise.all(xs.map((x) => model.energyAndGrad(x)));
    concurrent.forEach((r, i) => {
      expect(Array.from(r.energy)).toEqual(Array.from(sequential[i].energy));
      expect(maxRel(r.grad, sequential[i].grad)).toBe(0);
    });
    await model.dispose();
  });

  describe('negative controls: a wrong program is caught by the reference comparison', () => {
    const spec = CASES[1].spec;
    const batch = 2;
    async function energyWith(edit: (prog: Float64Array) => void): Promise<{ engine: Float32Array; reference: Float64Array }> {
      const model = await EnergyModel.create(spec, { seed: 3, engine: 'onednn', threads: 1 });
      // Biases start at 0; random θ makes every parameter matter.
      new Rng(1).fillNormal(model.theta, 0, 0.3);
      const loaded = loadOneDnn();
      if ('reason' in loaded) throw new Error(loaded.reason);
      const prog = nativeProgram(model.net, batch, 'energy');
      edit(prog);
      const net = loaded.addon.create(prog);
      loaded.addon.setParams(net, model.theta);
      const x = new Rng(8).fillNormal(new Float32Array(batch * shapeSize(spec.input))) as Float32Array;
      const energy = new Float32Array(batch);
      await loaded.addon.run(net, x, null, energy, null, null, 1);
      const reference = referenceEnergy(model.net, Float64Array.from(model.theta), Float64Array.from(x), batch);
      await model.dispose();
      return { engine: energy, reference };
    }
    // Layer slots start after the 10-value header and the 4-value input shape; 16 slots per layer.
    const layerSlot = (layer: number, slot: number) => 10 + 4 + layer * 16 + slot;

    it('the unedited program matches the reference', async () => {
      const { engine, reference } = await energyWith(() => {});
      expect(maxRel(engine, Float32Array.from(reference))).toBeLessThan(1e-5);
    });
    it('a wrong leakyRelu slope (0.25 for 0.2)', async () => {
      const { engine, reference } = await energyWith((p) => (p[layerSlot(1, 15)] = 0.25));
      expect(maxRel(engine, Float32Array.from(reference))).toBeGreaterThan(1e-3);
    });
    it('the second conv reading the first one’s weights (a wrong θ offset)', async () => {
      const { engine, reference } = await energyWith((p) => (p[layerSlot(2, 12)] = 0));
      expect(maxRel(engine, Float32Array.from(reference))).toBeGreaterThan(1e-3);
    });
    it('a lost bias', async () => {
      const { engine, reference } = await energyWith((p) => (p[layerSlot(0, 11)] = 0));
      expect(maxRel(engine, Float32Array.from(reference))).toBeGreaterThan(1e-3);
    });
  });

  describe('engine choice', () => {
    it("'auto' runs oneDNN on the CPU and the graphs for a classifier; EBM_ENGINE=onnx turns oneDNN off", async () => {
      const conv = await EnergyModel.create(CASES[0].spec, { threads: 1 });
      const classifier = await EnergyModel.create({ input: [4], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 3 }] }, { threads: 1 });
      process.env.EBM_ENGINE = 'onnx';
      const off = await EnergyModel.create(CASES[0].spec, { threads: 1 });
      expect([conv.engineFor(), classifier.engineFor(), off.engineFor()]).toEqual(['onednn', 'onnx', 'onnx']);
    });
    it("an explicit 'onednn' that cannot run says why: a classifier, another provider, an unknown engine name", async () => {
      const classifierSpec: NetworkSpec = { input: [4], readout: 'logsumexp', layers: [{ type: 'linear', outFeatures: 3 }] };
      const e1 = await EnergyModel.create(classifierSpec, { engine: 'onednn' }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(RuntimeError);
      expect((e1 as Error).message).toMatch(/logsumexp.*use engine 'onnx'/);
      const e2 = await EnergyModel.create(CASES[0].spec, { engine: 'onednn', executionProvider: 'webgpu' }).catch((e: unknown) => e);
      expect((e2 as Error).message).toMatch(/CPU only|not available|not installed/);
      process.env.EBM_ENGINE = 'fast';
      const e3 = await EnergyModel.create(CASES[0].spec).catch((e: unknown) => e);
      expect(e3).toBeInstanceOf(RuntimeError);
      expect((e3 as Error).message).toBe("EBM_ENGINE 'fast' is not an engine; use one of auto, onnx, onednn");
    });
    it('a batch that is not whole samples, wrong sample weights or a short gradient buffer is a RuntimeError', async () => {
      const model = await EnergyModel.create(CASES[0].spec, { engine: 'onednn', threads: 1 });
      const D = shapeSize(CASES[0].spec.input);
      await expect(model.energyAndGrad(new Float32Array(D + 1))).rejects.toThrow(/not a whole number of samples/);
      await expect(model.paramGrad(new Float32Array(2 * D), new Float32Array(3))).rejects.toThrow(/3 sample weights for a batch of 2/);
      await expect(model.paramGrad(new Float32Array(2 * D), new Float32Array(2), undefined, new Float32Array(5))).rejects.toThrow(/gradient buffer has 5 values/);
      await model.dispose();
    });
  });
});

/** max |a − b| / max |b|. */
function maxRel(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / Math.max(s, 1e-30);
}
