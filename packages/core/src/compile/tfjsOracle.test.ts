import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients (the @tensorflow/tfjs union package does this import).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { EnergyModel } from '../runtime/EnergyModel.js';
import type { ConvSpec, LayerSpec, NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork, shapeSize, type ResolvedNetwork } from '../spec/resolveNetwork.js';
import { CONV_RULES, convGeometry, subPixelCost, SUB_PIXEL_MAX_COST } from '../layers/conv.js';
import { activationAlpha } from '../layers/activation.js';
import { Rng } from '../random/Rng.js';
import { nchwcBlockSize } from '../runtime/nchwcBlockSize.js';
import type { Engine } from '../runtime/engineChoice.js';

/** MLAS's NCHWc block size here (the explicit NCHWc forward is forced with it). */
const NCHWC_BLOCK = await nchwcBlockSize();

/**
 * Whole networks against an independent oracle: the same network written in tfjs (channels-last convs with
 * [k…, cin, cout] filters, explicit zero padding then 'valid' conv) and differentiated by tfjs autodiff.
 * Compares E [N], dE/dx [N, …] and Σₙ wₙ ∂Eₙ/∂θ, all float32, to 1e-4 of each array's largest magnitude.
 */

const RTOL = 1e-4;

/** E(x) [N] in tfjs, x [N, C, …spatial] (NCHW / NCDHW) and parameters in the engine's layouts. */
function tfEnergy(net: ResolvedNetwork, x: tf.Tensor, params: tf.Tensor[]): tf.Tensor1D {
  const N = x.shape[0];
  const rank = net.inShape.length - 1;
  const toLast = (t: tf.Tensor, r: number) => tf.transpose(t, [0, ...Array.from({ length: r }, (_, a) => a + 2), 1]);
  const toFirst = (t: tf.Tensor, r: number) => tf.transpose(t, [0, r + 1, ...Array.from({ length: r }, (_, a) => a + 1)]);
  // a is channels-last while spatial (rank > 0), flat [N, F] after a flatten (or for a flat input).
  let a: tf.Tensor = net.inShape.length > 1 ? toLast(x, rank) : x;
  let spatialRank = net.inShape.length > 1 ? rank : 0;
  let pi = 0;
  for (const l of net.layers) {
    const s = l.spec as LayerSpec;
    switch (s.type) {
      case 'conv2d':
      case 'conv3d': {
        const r = s.type === 'conv2d' ? 2 : 3;
        const { kernel, stride, padding } = convGeometry(s, r);
        const W = params[pi++];
        // [cout, cin, k…] → [k…, cin, cout]
        const filter = tf.transpose(W, [...Array.from({ length: r }, (_, d) => d + 2), 1, 0]);
        const padded = tf.pad(a, [[0, 0], ...padding.map((p) => [p, p] as [number, number]), [0, 0]]);
        let y =
          r === 2
            ? tf.conv2d(padded as tf.Tensor4D, filter as tf.Tensor4D, stride as [number, number], 'valid')
            : tf.conv3d(padded as tf.Tensor5D, filter as tf.Tensor5D, stride as [number, number, number], 'valid');
        if (s.bias !== false) y = tf.add(y, params[pi++]);
        a = y;
        break;
      }
      case 'flatten':
        a = tf.reshape(spatialRank > 0 ? toFirst(a, spatialRank) : a, [N, -1]);
        spatialRank = 0;
        break;
      case 'linear': {
        let y = tf.matMul(a as tf.Tensor2D, params[pi++] as tf.Tensor2D, false, true);
        if (s.bias !== false) y = tf.add(y, params[pi++]);
        a = y;
        break;
      }
      case 'relu':
        a = tf.relu(a);
        break;
      case 'leakyRelu':
        a = tf.leakyRelu(a, activationAlpha(s));
        break;
      case 'elu': {
        const alpha = activationAlpha(s);
        // relu(z) + α(e^min(z, 0) − 1) (tf.elu has α = 1 only; tf.where's condition has no gradient)
        a = tf.add(tf.relu(a), tf.mul(alpha, tf.sub(tf.exp(tf.minimum(a, 0)), 1)));
        break;
      }
      case 'softplus':
        a = tf.softplus(a);
        break;
      case 'tanh':
        a = tf.tanh(a);
        break;
      case 'silu':
        a = tf.mul(a, tf.sigmoid(a));
        break;
      default:
        throw new Error(`no tfjs oracle for ${JSON.stringify(s)}`);
    }
  }
  const flat = tf.reshape(a, [N, -1]);
  const readout = net.spec.readout === 'mean' ? tf.mean(flat, 1) : net.spec.readout === 'logsumexp' ? tf.logSumExp(flat, 1) : tf.sum(flat, 1);
  let e: tf.Tensor = tf.neg(readout);
  const sigma = net.spec.referenceSigma;
  if (sigma !== undefined) e = tf.add(e, tf.div(tf.sum(tf.square(tf.reshape(x, [N, -1])), 1), 2 * sigma * sigma));
  return e as tf.Tensor1D;
}

interface Comparison {
  what: string;
  worstRel: number;
  index: number;
  engine: number;
  oracle: number;
}

/** Largest |engine − oracle| relative to the oracle's largest magnitude. */
function compareArrays(what: string, engine: ArrayLike<number>, oracle: ArrayLike<number>): Comparison {
  expect(engine.length, `${what}: length`).toBe(oracle.length);
  let scale = 0;
  for (let i = 0; i < oracle.length; i++) scale = Math.max(scale, Math.abs(oracle[i]));
  let worstRel = 0;
  let index = 0;
  for (let i = 0; i < oracle.length; i++) {
    const d = Math.abs(engine[i] - oracle[i]);
    const rel = Number.isNaN(d) ? Infinity : d / Math.max(scale, 1e-30);
    if (rel > worstRel) (worstRel = rel), (index = i);
  }
  return { what, worstRel, index, engine: engine[index], oracle: oracle[index] };
}

let worstOverall = 0;

async function compareWithTfjs(label: string, spec: NetworkSpec, batch: number, seed: number, engine: Engine = 'onnx'): Promise<void> {
  const net = resolveNetwork(spec);
  const model = await EnergyModel.create(spec, { seed, threads: 1, engine });
  expect(model.engineFor()).toBe(engine);
  const rng = new Rng(seed + 77);
  const D = shapeSize(net.inShape);
  const x = rng.fillNormal(new Float32Array(batch * D)) as Float32Array;
  const w = rng.fillNormal(new Float32Array(batch)) as Float32Array;
  try {
    const e = await model.energy(x);
    const { energy: e2, grad: gx } = await model.energyAndGrad(x);
    const { energy: e3, grad: gTheta } = await model.paramGrad(x, w);

    const oracle = tf.tidy(() => {
      const xt = tf.tensor(x, [batch, ...net.inShape]);
      const wt = tf.tensor1d(w);
      const ps = net.params.map((p, i) => tf.tensor(model.paramTensors[i], p.shape));
      const energy = tfEnergy(net, xt, ps);
      const [dx] = tf.grads((xx: tf.Tensor) => tf.sum(tfEnergy(net, xx, ps)))([xt]);
      const dTheta = tf.grads((...pp: tf.Tensor[]) => tf.sum(tf.mul(tfEnergy(net, xt, pp), wt)))(ps);
      const flatTheta = new Float32Array(model.theta.length);
      let off = 0;
      for (const g of dTheta) {
        flatTheta.set(g.dataSync() as Float32Array, off);
        off += g.size;
      }
      return { energy: energy.dataSync().slice() as Float32Array, dx: dx.dataSync().slice() as Float32Array, dTheta: flatTheta };
    });

    const results = [
      compareArrays('E (energy graph)', e, oracle.energy),
      compareArrays('E (inputGrad graph)', e2, oracle.energy),
      compareArrays('E (paramGrad graph)', e3, oracle.energy),
      compareArrays('dE/dx', gx, oracle.dx),
      compareArrays('Σ w dE/dθ', gTheta, oracle.dTheta),
    ];
    const paramAt = (i: number) => {
      let off = 0;
      for (const p of net.params) {
        const n = shapeSize(p.shape);
        if (i < off + n) return `${p.name}[${i - off}]`;
        off += n;
      }
      return '?';
    };
    const msg =
      `${label}: spec ${JSON.stringify(spec)}, batch ${batch}, seed ${seed}\n` +
      results
        .map((r) => `  ${r.what}: worst rel err ${r.worstRel.toExponential(2)} at ${r.what.startsWith('Σ') ? paramAt(r.index) : r.index} (engine ${r.engine}, tfjs ${r.oracle})`)
        .join('\n');
    for (const r of results) {
      worstOverall = Math.max(worstOverall, r.worstRel);
      expect(r.worstRel, msg).toBeLessThanOrEqual(RTOL);
    }
    // The oracle is not degenerate: the gradients carry signal.
    expect(Math.max(...Array.from(oracle.dx, Math.abs)), msg).toBeGreaterThan(1e-3);
    expect(Math.max(...Array.from(oracle.dTheta, Math.abs)), msg).toBeGreaterThan(1e-3);
  } finally {
    await model.dispose();
  }
}

function convCost(spec: NetworkSpec, i: number): number {
  const l = resolveNetwork(spec).layers[i];
  const ctx = { index: i, batch: 1, inShape: l.inShape, outShape: l.outShape, params: [] };
  return subPixelCost(ctx, convGeometry(l.spec as ConvSpec, l.inShape.length - 1));
}

const lrelu: LayerSpec = { type: 'leakyRelu', alpha: 0.2 };

/** Small analogues of the four benchmark nets (presets.ts BENCH_NETS), same layer pattern, smaller shapes. */
const BENCH_ANALOGUES: { label: string; spec: NetworkSpec; batch: number }[] = [
  {
    label: 'texture analogue (3×17×17, k5s2p2 → k3s2p1 → k3s2p1, leakyRelu)',
    batch: 2,
    spec: {
      input: [3, 17, 17],
      layers: [
        { type: 'conv2d', outChannels: 6, kernel: 5, stride: 2, padding: 2 },
        lrelu,
        { type: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
        lrelu,
        { type: 'conv2d', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
        lrelu,
      ],
    },
  },
  {
    label: 'shortrun32 analogue (3×16×16, k3s1p1 → 3× k4s2p1 → k2 to 1×1)',
    batch: 3,
    spec: {
      input: [3, 16, 16],
      layers: [
        { type: 'conv2d', outChannels: 4, kernel: 3, stride: 1, padding: 1 },
        lrelu,
        { type: 'conv2d', outChannels: 6, kernel: 4, stride: 2, padding: 1 },
        lrelu,
        { type: 'conv2d', outChannels: 8, kernel: 4, stride: 2, padding: 1 },
        lrelu,
        { type: 'conv2d', outChannels: 8, kernel: 4, stride: 2, padding: 1 },
        lrelu,
        { type: 'conv2d', outChannels: 1, kernel: 2, stride: 1, padding: 0 },
      ],
    },
  },
  {
    label: 'video analogue (3×4×9×9, k[3,5,5] s[1,2,2] p[1,2,2] → k3s2p1 → k3s2p1)',
    batch: 2,
    spec: {
      input: [3, 4, 9, 9],
      layers: [
        { type: 'conv3d', outChannels: 4, kernel: [3, 5, 5], stride: [1, 2, 2], padding: [1, 2, 2] },
        lrelu,
        { type: 'conv3d', outChannels: 6, kernel: 3, stride: 2, padding: 1 },
        lrelu,
        { type: 'conv3d', outChannels: 6, kernel: 3, stride: 2, padding: 1 },
        lrelu,
      ],
    },
  },
  {
    label: 'voxel analogue (1×16³, k8s3 (fallback input gradient) → k3s2 → flatten → linear(1))',
    batch: 3,
    spec: {
      input: [1, 16, 16, 16],
      layers: [
        { type: 'conv3d', outChannels: 4, kernel: 8, stride: 3, padding: 0 },
        { type: 'relu' },
        { type: 'conv3d', outChannels: 3, kernel: 3, stride: 2, padding: 0 },
        { type: 'relu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 1 },
      ],
    },
  },
];

const OTHER_NETS: { label: string; spec: NetworkSpec; batch: number }[] = [
  {
    label: '2D: conv → tanh → conv (fallback input gradient, in the dE/dθ graph) → silu, mean readout',
    batch: 2,
    spec: {
      input: [2, 11, 11],
      readout: 'mean',
      layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, padding: 1 }, { type: 'tanh' }, { type: 'conv2d', outChannels: 2, kernel: 7, stride: 3 }, { type: 'silu' }],
    },
  },
  {
    label: '2D: per-axis conv (zero phase) → elu(0.5) → flatten → linear → softplus → linear, σ = 2',
    batch: 4,
    spec: {
      input: [3, 9, 7],
      referenceSigma: 2,
      layers: [
        { type: 'conv2d', outChannels: 4, kernel: [2, 3], stride: [3, 2], padding: [1, 0], bias: false },
        { type: 'elu', alpha: 0.5 },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 5 },
        { type: 'softplus' },
        { type: 'linear', outFeatures: 2, bias: false },
      ],
    },
  },
  {
    label: '3D: conv3d (per-axis stride, no bias) → silu → conv3d k1 p1 → tanh → flatten → linear(3)',
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
      ],
    },
  },
  {
    label: '2D classifier (JEM): conv → silu → conv k4s2 → leakyRelu → flatten → linear(10), logsumexp readout',
    batch: 3,
    spec: {
      input: [1, 10, 10],
      readout: 'logsumexp',
      layers: [
        { type: 'conv2d', outChannels: 4, kernel: 3, padding: 1 },
        { type: 'silu' },
        { type: 'conv2d', outChannels: 6, kernel: 4, stride: 2, padding: 1 },
        lrelu,
        { type: 'flatten' },
        { type: 'linear', outFeatures: 10 },
      ],
    },
  },
  {
    label: 'flat: linear → leakyRelu(0.1) → linear, mean readout, σ = 0.8',
    batch: 3,
    spec: { input: [6], readout: 'mean', referenceSigma: 0.8, layers: [{ type: 'linear', outFeatures: 5 }, { type: 'leakyRelu', alpha: 0.1 }, { type: 'linear', outFeatures: 3 }] },
  },
];

describe('whole networks vs tfjs autodiff', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterAll(() => {
    console.log(`tfjs oracle: worst relative error ${worstOverall.toExponential(2)} (tolerance ${RTOL})`);
  });

  it('the analogues keep the fallback input gradient where the benchmark nets take it', () => {
    expect(convCost(BENCH_ANALOGUES[3].spec, 0)).toBeGreaterThan(SUB_PIXEL_MAX_COST);
    expect(convCost(OTHER_NETS[0].spec, 2)).toBeGreaterThan(SUB_PIXEL_MAX_COST);
    expect(convCost(BENCH_ANALOGUES[0].spec, 0)).toBeLessThanOrEqual(SUB_PIXEL_MAX_COST);
  });

  [...BENCH_ANALOGUES, ...OTHER_NETS].forEach((c, i) => {
    it(c.label, async () => {
      await compareWithTfjs(c.label, c.spec, c.batch, 500 + i);
    });
  });

  // The same networks on the oneDNN engine (all but the classifier, whose logsumexp readout only the graphs run).
  describe('oneDNN engine', () => {
    [...BENCH_ANALOGUES, ...OTHER_NETS].forEach((c, i) => {
      if (c.spec.readout === 'logsumexp') return;
      it(c.label, async () => {
        await compareWithTfjs(`${c.label} [oneDNN]`, c.spec, c.batch, 700 + i, 'onednn');
      });
    });
  });

  // Each formulation of the conv rule forced on every net it applies to: the ONNX-Conv-layout ones (the native
  // conv3d, Conv for single positions) with each input gradient (depth slabs: 3D only), the conv3d as stacked 2D
  // convs over depth slabs, the forward over tap columns, single-position convs as linear layers, the forward on
  // onnxruntime's NCHWc kernels with θ as inputs.
  const FORCED: { mode: Partial<typeof CONV_RULES>; rank?: number }[] = [
    { mode: { conv3d: 'native', singlePosition: 'conv' } },
    { mode: { inputGradient: 'subPixel', conv3d: 'native', singlePosition: 'conv' } },
    { mode: { inputGradient: 'convTranspose', conv3d: 'native', singlePosition: 'conv' } },
    { mode: { inputGradient: 'depthSlabs', conv3d: 'native', singlePosition: 'conv' }, rank: 3 },
    { mode: { conv3d: 'stacked2d', stackedInputGradient: 'slabFold' }, rank: 3 },
    { mode: { conv3d: 'stacked2d', stackedInputGradient: 'depthPhases' }, rank: 3 },
    { mode: { forward: 'tapColumns', weightGradient: 'tapColumns', conv3d: 'stacked2d' } },
    { mode: { singlePosition: 'gemm' } },
    { mode: { forward: 'nchwc', nchwcBlock: NCHWC_BLOCK, conv3d: 'stacked2d' } },
  ];
  for (const { mode, rank } of FORCED) {
    const label = Object.entries(mode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    describe(`forced ${label}`, () => {
      [...BENCH_ANALOGUES, ...OTHER_NETS].forEach((c, i) => {
        const hasConv = c.spec.layers.some((l) => l.type === 'conv2d' || l.type === 'conv3d');
        if (!hasConv || (rank !== undefined && c.spec.input.length !== rank + 1)) return;
        it(c.label, async () => {
          const saved = { ...CONV_RULES };
          Object.assign(CONV_RULES, mode);
          try {
            await compareWithTfjs(`${c.label} [${label}]`, c.spec, c.batch, 600 + i);
          } finally {
            Object.assign(CONV_RULES, saved);
          }
        });
      });
    });
  }
});
