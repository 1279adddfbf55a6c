import { describe, expect, it } from 'vitest';
import { GradientExpectations } from '../testing/GradientExpectations.js';
import { checkGradients } from '../testing/gradientCheck.js';
import type { ConvSpec, LayerSpec, NetworkSpec } from '../spec/NetworkSpec.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';
import { compileGraph } from '../compile/compileGraph.js';
import onnxProto from 'onnx-proto';
import { Rng } from '../random/Rng.js';
import { conv as convRule, CONV_RULES, convGeometry, subPixelCost, SUB_PIXEL_MAX_COST } from './conv.js';
import type { LayerContext } from './LayerRule.js';
import { nchwcBlockSize } from '../runtime/nchwcBlockSize.js';

/** MLAS's NCHWc block size here (the explicit NCHWc forward is forced with it). */
const NCHWC_BLOCK = await nchwcBlockSize();

/**
 * The conv rule against central finite differences of the float64 reference forward: the forward Conv, every
 * input-gradient formulation (sub-pixel convs, ConvTranspose, and in 3D per-depth-slab 2D transposed convs),
 * the weight gradient and the bias gradient. Cases run under 'auto' (whatever the rule picks) and again with each
 * input-gradient formulation forced through CONV_RULES, checking that the compiled graph uses it.
 *
 * Each net is [conv under test, tanh] or [conv under test, tanh, conv, tanh]: the tanh makes ∂E/∂y vary over
 * space (a sum readout straight after a conv would feed the backward rule a constant, which hides a flipped or
 * shifted kernel), and the second conv makes the first one's input gradient part of the dE/dθ graph too.
 */

/** Coordinates of x and of θ checked per spec (all of them when fewer), under 'auto' / with a formulation forced. */
const SAMPLES = 200;
const grads = new GradientExpectations(SAMPLES);
const FORCED_SAMPLES = 80;


/** Context of layer `i` of a spec, for subPixelCost. */
function layerContext(spec: NetworkSpec, i: number, batch: number): LayerContext {
  const l = resolveNetwork(spec).layers[i];
  return { index: i, batch, inShape: l.inShape, outShape: l.outShape, params: l.params.map((p) => p.name) };
}

function costOf(spec: NetworkSpec, i = 0): number {
  const conv = spec.layers[i] as ConvSpec;
  const ctx = layerContext(spec, i, 1);
  return subPixelCost(ctx, convGeometry(conv, ctx.inShape.length - 1));
}

/** True when some phase of the conv has no kernel tap (kernel < stride along an axis). */
function hasZeroPhase(conv: ConvSpec, rank: number): boolean {
  const g = convGeometry(conv, rank);
  return g.kernel.some((k, a) => k < g.stride[a]);
}

/** The nodes of an encoded ONNX graph: op type and kernel_shape length. */
function graphNodes(bytes: Uint8Array): { op: string; kernelRank: number }[] {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  return (model.graph?.node ?? []).map((n) => {
    const attr = (name: string) => (n.attribute ?? []).find((a) => a.name === name)?.ints?.map(Number) ?? [];
    // Col2Im takes its block shape as an input; its strides attribute has one entry per spatial axis.
    return { op: n.opType ?? '', kernelRank: n.opType === 'Col2Im' ? attr('strides').length : attr('kernel_shape').length };
  });
}

/** NCHWc-domain Conv nodes of an encoded graph. */
function nchwcConvs(bytes: Uint8Array): number {
  return (onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []).filter((n) => n.opType === 'Conv' && n.domain === 'com.microsoft.nchwc').length;
}

/** Convs of a case whose output is one position (kernel covering the padded input). */
function singlePositionConvs(c: ConvCase): number {
  return resolveNetwork(c.spec).layers.filter((l) => (l.spec.type === 'conv2d' || l.spec.type === 'conv3d') && l.outShape.slice(1).every((o) => o === 1)).length;
}

/** The forced formulation is the one compiled (checked on the graphs' nodes). */
function expectFormulation(c: ConvCase, mode: Partial<typeof CONV_RULES>): void {
  const net = resolveNetwork(c.spec);
  const rank = c.spec.input.length - 1;
  const nodes = (kind: 'energy' | 'inputGrad' | 'paramGrad') => graphNodes(compileGraph(net, c.batch, kind).onnx);
  const inputGrad = nodes('inputGrad');
  const ranksOf = (ns: ReturnType<typeof graphNodes>, op: string) => [...new Set(ns.filter((n) => n.op === op).map((n) => n.kernelRank))];
  const convs = net.layers.filter((l) => l.spec.type === 'conv2d' || l.spec.type === 'conv3d');
  if (mode.inputGradient === 'subPixel') expect(ranksOf(inputGrad, 'ConvTranspose')).toEqual([]);
  if (mode.inputGradient === 'convTranspose') expect(ranksOf(inputGrad, 'ConvTranspose')).toEqual([rank]);
  if (mode.inputGradient === 'depthSlabs') expect(ranksOf(inputGrad, 'ConvTranspose')).not.toContain(3);
  if (mode.inputGradient === 'col2im') {
    expect(ranksOf(inputGrad, 'ConvTranspose')).toEqual([]);
    expect(ranksOf(inputGrad, 'Col2Im')).toContain(rank);
  }
  if (mode.conv3d === 'auto') {
    // dE/dx never runs on a 3D kernel; the forward only when its weights are inputs.
    expect(ranksOf(inputGrad, 'Col2Im')).not.toContain(3);
    expect(ranksOf(inputGrad, 'ConvTranspose')).not.toContain(3);
  }
  if (mode.conv3d === 'stacked2d') {
    // No 3D kernel anywhere: forward, input gradient and weight gradient all run on 2D ones.
    for (const ns of [nodes('energy'), inputGrad, nodes('paramGrad')]) {
      for (const op of ['Conv', 'ConvTranspose', 'Col2Im']) expect(ranksOf(ns, op), op).not.toContain(3);
    }
  }
  // Called with the mode in force: single-position convs are GEMMs unless singlePosition is 'conv'.
  const single = (l: (typeof convs)[number]) => CONV_RULES.singlePosition !== 'conv' && l.outShape.slice(1).every((o) => o === 1);
  if (mode.forward === 'tapColumns') {
    // Forwards with equal H/W strides are GEMMs over tap columns (in 3D: of the stacked 2D conv).
    const onConv = convs.filter((l) => {
      const { stride } = convGeometry(l.spec as ConvSpec, rank);
      return stride[rank - 2] !== stride[rank - 1] && !single(l);
    });
    expect(nodes('energy').filter((n) => n.op === 'Conv').length).toBe(onConv.length);
  }
  if (mode.singlePosition === 'gemm') expect(nodes('energy').filter((n) => n.op === 'Conv').length).toBe(convs.length - singlePositionConvs(c));
  if (mode.forward === 'nchwc' && CONV_RULES.nchwcBlock > 0) {
    // Forwards with θ as inputs run on onnxruntime's NCHWc Conv (input channels below one block or a multiple of 4).
    const planeChannels = (l: (typeof convs)[number]) => l.inShape[0] * (rank === 3 ? convGeometry(l.spec as ConvSpec, 3).kernel[0] : 1);
    const fits = (l: (typeof convs)[number]) => !single(l) && (planeChannels(l) < CONV_RULES.nchwcBlock || planeChannels(l) % 4 === 0);
    expect(nchwcConvs(compileGraph(net, c.batch, 'paramGrad').onnx)).toBe(convs.filter(fits).length);
  }
}

interface ConvCase {
  label: string;
  spec: NetworkSpec;
  batch: number;
  seed: number;
}

/** A random small conv (2D or 3D) followed by tanh, sometimes by a second conv; odd input sizes. */
function randomCase(rng: Rng, i: number): ConvCase {
  const rank = i % 3 === 2 ? 3 : 2;
  const pick = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const cin = pick(1, 4);
  const perAxis = rng.uniform() < 0.5;
  const axisValue = (lo: number, hi: number): number[] => {
    const v = pick(lo, hi);
    return Array.from({ length: rank }, () => (perAxis ? pick(lo, hi) : v));
  };
  const kernel = axisValue(1, rank === 2 ? 5 : 4);
  const stride = axisValue(1, 3);
  const padding = axisValue(0, 2);
  // Odd input size at least as large as the kernel needs: k ≤ in + 2p.
  const maxIn = rank === 2 ? 11 : 7;
  const input = kernel.map((k, a) => {
    let n = Math.max(pick(1, maxIn), k - 2 * padding[a]);
    if (n % 2 === 0) n += 1;
    return n;
  });
  const asSpec = (v: number[]): number | number[] => (perAxis ? v : v[0]);
  const conv: ConvSpec = {
    type: rank === 2 ? 'conv2d' : 'conv3d',
    outChannels: pick(1, 4),
    kernel: asSpec(kernel),
    stride: asSpec(stride),
    padding: asSpec(padding),
  };
  if (rng.uniform() < 0.3) conv.bias = false;
  const layers: LayerSpec[] = [conv, { type: 'tanh' }];
  if (rng.uniform() < 0.4) {
    layers.push({ type: conv.type, outChannels: pick(1, 3), kernel: 1 + rng.int(2), padding: 1 }, { type: 'tanh' });
  }
  return { label: `random ${rank}D #${i}`, spec: { input: [cin, ...input], layers }, batch: pick(2, 3), seed: 100 + i };
}

const rng = new Rng(20240611);
const RANDOM: ConvCase[] = Array.from({ length: 30 }, (_, i) => randomCase(rng, i));

/** Hand-picked geometry: the large-kernel input gradient (subPixelCost > SUB_PIXEL_MAX_COST: full-rank Col2Im in 3D), zero phases, padding ≥ kernel, no bias, per-axis sizes. */
const FIXED: ConvCase[] = [
  {
    label: '2D large-kernel path: k=7 s=3 on 9×9',
    spec: { input: [2, 9, 9], layers: [{ type: 'conv2d', outChannels: 3, kernel: 7, stride: 3 }, { type: 'tanh' }] },
    batch: 2,
    seed: 1,
  },
  {
    label: '2D large-kernel path, not first layer (also in the dE/dθ graph), remainder 1',
    spec: {
      input: [1, 7, 7],
      layers: [
        { type: 'conv2d', outChannels: 2, kernel: 3, padding: 1 },
        { type: 'tanh' },
        { type: 'conv2d', outChannels: 2, kernel: 5, stride: 3, bias: false },
        { type: 'tanh' },
      ],
    },
    batch: 3,
    seed: 2,
  },
  {
    label: '3D large-kernel path: k=5 s=3 on 7³ (voxel-like)',
    spec: { input: [1, 7, 7, 7], layers: [{ type: 'conv3d', outChannels: 3, kernel: 5, stride: 3 }, { type: 'tanh' }] },
    batch: 2,
    seed: 3,
  },
  {
    label: '3D large-kernel path with per-axis kernel/stride and padding',
    spec: {
      input: [2, 5, 9, 7],
      layers: [{ type: 'conv3d', outChannels: 2, kernel: [3, 7, 5], stride: [2, 3, 3], padding: [1, 0, 1], bias: false }, { type: 'tanh' }],
    },
    batch: 2,
    seed: 4,
  },
  {
    label: '2D zero phase: k=2 s=3',
    spec: { input: [2, 9, 9], layers: [{ type: 'conv2d', outChannels: 2, kernel: 2, stride: 3 }, { type: 'tanh' }] },
    batch: 2,
    seed: 5,
  },
  {
    label: '2D zero phase, k=1 s=3 p=2 (padding > kernel), second layer',
    spec: {
      input: [2, 7, 9],
      layers: [
        { type: 'conv2d', outChannels: 2, kernel: 3, padding: 1 },
        { type: 'tanh' },
        { type: 'conv2d', outChannels: 3, kernel: 1, stride: 3, padding: 2 },
        { type: 'tanh' },
      ],
    },
    batch: 2,
    seed: 6,
  },
  {
    label: '2D per-axis: zero phase on one axis only, stride [3, 2]',
    spec: { input: [3, 11, 9], layers: [{ type: 'conv2d', outChannels: 2, kernel: [2, 3], stride: [3, 2], padding: [0, 1], bias: false }, { type: 'tanh' }] },
    batch: 3,
    seed: 7,
  },
  {
    label: '3D zero phase k=2 s=3 p=1',
    spec: { input: [2, 7, 5, 7], layers: [{ type: 'conv3d', outChannels: 2, kernel: 2, stride: 3, padding: 1 }, { type: 'tanh' }] },
    batch: 2,
    seed: 8,
  },
  {
    label: '2D stride 2 with padding 2 ≥ kernel 2, no bias',
    spec: { input: [1, 5, 7], layers: [{ type: 'conv2d', outChannels: 4, kernel: 2, stride: 2, padding: 2, bias: false }, { type: 'tanh' }] },
    batch: 2,
    seed: 9,
  },
  {
    label: '3D stride 1 k=1 p=2 (all-padding border rows)',
    spec: { input: [2, 3, 3, 5], layers: [{ type: 'conv3d', outChannels: 2, kernel: 1, padding: 2 }, { type: 'tanh' }] },
    batch: 2,
    seed: 10,
  },
  {
    label: '2D 16 input channels, k=3 s=2 p=1 (wide enough for the sub-pixel form)',
    spec: { input: [16, 7, 7], layers: [{ type: 'conv2d', outChannels: 2, kernel: 3, stride: 2, padding: 1 }, { type: 'tanh' }] },
    batch: 2,
    seed: 12,
  },
  {
    label: '3D Cin·kd = 16, stride [1, 2, 2] (depth slabs wide enough for sub-pixel 2D)',
    spec: {
      input: [4, 3, 5, 5],
      layers: [{ type: 'conv3d', outChannels: 2, kernel: [4, 3, 3], stride: [1, 2, 2], padding: [1, 1, 1] }, { type: 'tanh' }],
    },
    batch: 2,
    seed: 13,
  },
  {
    label: '3D single position: k[5,5,6] s[2,3,2] p[1,0,0] on 4×5×6 (padding, one unused depth row)',
    spec: { input: [2, 4, 5, 6], layers: [{ type: 'conv3d', outChannels: 3, kernel: [5, 5, 6], stride: [2, 3, 2], padding: [1, 0, 0] }, { type: 'tanh' }] },
    batch: 2,
    seed: 14,
  },
  {
    label: '3D single position after a strided conv (voxel-like: k4 s2 on the 4³ output of k4 s2 on 10³)',
    spec: {
      input: [1, 10, 10, 10],
      layers: [
        { type: 'conv3d', outChannels: 3, kernel: 4, stride: 2 },
        { type: 'tanh' },
        { type: 'conv3d', outChannels: 2, kernel: 4, stride: 2 },
        { type: 'tanh' },
      ],
    },
    batch: 2,
    seed: 15,
  },
  {
    label: '2D kernel equal to the padded input (1×1 output)',
    spec: { input: [2, 5, 3], layers: [{ type: 'conv2d', outChannels: 3, kernel: [7, 5], stride: [2, 3], padding: 1 }, { type: 'tanh' }] },
    batch: 2,
    seed: 11,
  },
];

describe('conv rule vs float64 finite differences', () => {
  it('the fixed cases cover both input-gradient paths and zero phases', () => {
    const transposePath = FIXED.filter((c) => c.label.includes('large-kernel path'));
    expect(transposePath).toHaveLength(4);
    for (const c of transposePath) {
      const i = c.spec.layers.findIndex((l) => l.type === 'conv2d' || l.type === 'conv3d') + (c.label.includes('not first') ? 2 : 0);
      expect(costOf(c.spec, i), c.label).toBeGreaterThan(SUB_PIXEL_MAX_COST);
    }
    // …and the sub-pixel path with a stride of 3 on a small input stays on the sub-pixel side.
    expect(costOf(FIXED.find((c) => c.label.startsWith('2D zero phase: k=2'))!.spec)).toBeLessThanOrEqual(SUB_PIXEL_MAX_COST);
    const zeroPhase = FIXED.filter((c) =>
      c.spec.layers.some((l) => (l.type === 'conv2d' || l.type === 'conv3d') && hasZeroPhase(l, c.spec.input.length - 1)),
    );
    expect(zeroPhase.length).toBeGreaterThanOrEqual(4);
    // The random set exercises the sub-pixel path with strides > 1 in both ranks.
    const strided = RANDOM.filter((c) => {
      const l = c.spec.layers[0] as ConvSpec;
      return convGeometry(l, c.spec.input.length - 1).stride.some((s) => s > 1) && costOf(c.spec) <= SUB_PIXEL_MAX_COST;
    });
    expect(strided.some((c) => c.spec.input.length === 3)).toBe(true);
    // Every input gradient is a GEMM + Col2Im: full-rank in 2D; in 3D (with conv3d 'native') full-rank for large
    // kernels over small outputs and per depth slab (rank-2 Col2Im) otherwise, and the fixed cases reach both;
    // under the default conv3d 'auto' never of rank 3.
    const col2imRanks = (c: ConvCase) =>
      graphNodes(compileGraph(resolveNetwork(c.spec), c.batch, 'inputGrad').onnx)
        .filter((n) => n.op === 'Col2Im')
        .map((n) => n.kernelRank);
    for (const c of FIXED.filter((c) => c.spec.input.length === 3)) expect(col2imRanks(c), c.label).not.toContain(3);
    for (const c of FIXED.filter((c) => c.spec.input.length === 4)) expect(col2imRanks(c), c.label).not.toContain(3);
    const saved = { ...CONV_RULES };
    Object.assign(CONV_RULES, { conv3d: 'native', singlePosition: 'conv' });
    try {
      const ranks3d = FIXED.filter((c) => c.spec.input.length === 4).map((c) => col2imRanks(c));
      expect(ranks3d.some((r) => r.includes(3))).toBe(true);
      expect(ranks3d.some((r) => r.includes(2) && !r.includes(3))).toBe(true);
    } finally {
      Object.assign(CONV_RULES, saved);
    }
    expect(strided.some((c) => c.spec.input.length === 4)).toBe(true);
  });

  for (const c of FIXED) {
    it(c.label, async () => {
      await grads.expectMatch(c.label, c.spec, c.batch, c.seed);
    });
  }

  // Every formulation on every geometry, whatever 'auto' would pick: the input gradient as sub-pixel convs,
  // ConvTranspose, GEMM + Col2Im and (3D only) depth slabs of 2D transposed convs; the dilated-Conv and tap-column
  // weight gradients; a conv3d as stacked 2D convs over depth slabs; the forward as one GEMM over tap columns;
  // single-position convs as linear layers.
  // The ONNX-Conv-layout input gradients run on the native conv3d and on Conv for single positions.
  const onConv = { conv3d: 'native', singlePosition: 'conv' } as const;
  // Channel counts that reach the NCHWc kernels' blocked input (a multiple of 4, at least one block, not always a
  // whole number of blocks) besides the NCHW input of the small-channel cases.
  const WIDE: ConvCase[] = [
    {
      label: '2D 20 → 17 channels, k3 s2 p1, then 17 → 5 (NCHW input: 17 is no multiple of 4)',
      spec: {
        input: [20, 7, 7],
        layers: [
          { type: 'conv2d', outChannels: 17, kernel: 3, stride: 2, padding: 1 },
          { type: 'tanh' },
          { type: 'conv2d', outChannels: 5, kernel: 2 },
          { type: 'tanh' },
        ],
      },
      batch: 2,
      seed: 16,
    },
    {
      label: '3D 8 → 32 channels k3 s2 p1 (stacked: 24-channel slabs), no bias',
      spec: { input: [8, 3, 6, 6], layers: [{ type: 'conv3d', outChannels: 32, kernel: 3, stride: 2, padding: 1, bias: false }, { type: 'tanh' }] },
      batch: 2,
      seed: 17,
    },
  ];
  const FORCED: { mode: Partial<typeof CONV_RULES>; ranks: number[]; cases?: (c: ConvCase) => boolean; extra?: ConvCase[] }[] = [
    { mode: { ...onConv }, ranks: [3] },
    { mode: { inputGradient: 'subPixel', ...onConv }, ranks: [2, 3] },
    { mode: { inputGradient: 'convTranspose', ...onConv }, ranks: [2, 3] },
    { mode: { inputGradient: 'depthSlabs', ...onConv }, ranks: [3] },
    { mode: { inputGradient: 'col2im', ...onConv }, ranks: [2, 3] },
    { mode: { weightGradient: 'dilatedConv' }, ranks: [2] },
    { mode: { tapColumnsGemm: 'colsFirst' }, ranks: [2] },
    { mode: { conv3d: 'stacked2d', stackedInputGradient: 'slabFold' }, ranks: [3] },
    { mode: { conv3d: 'stacked2d', stackedInputGradient: 'depthPhases' }, ranks: [3] },
    { mode: { conv3d: 'stacked2d', forward: 'tapColumns', weightGradient: 'tapColumns', inputGradient: 'subPixel' }, ranks: [3] },
    { mode: { conv3d: 'auto', conv3dWeightGradient: 'stacked2d' }, ranks: [3] },
    { mode: { conv3d: 'stacked2d', stackedWeightGradient: 'slabs' }, ranks: [3], extra: WIDE },
    { mode: { conv3d: 'stacked2d', stackedWeightGradient: 'depthPhases' }, ranks: [3], extra: WIDE },
    { mode: { weightGradient: 'imageColumns' }, ranks: [2], extra: WIDE },
    { mode: { conv3d: 'stacked2d', stackedWeightGradient: 'depthPhases', weightGradient: 'imageColumns' }, ranks: [3], extra: WIDE },
    { mode: { forward: 'tapColumns', weightGradient: 'tapColumns' }, ranks: [2] },
    { mode: { singlePosition: 'gemm' }, ranks: [2, 3], cases: (c) => singlePositionConvs(c) > 0 },
    { mode: { forward: 'nchwc', nchwcBlock: NCHWC_BLOCK, conv3d: 'stacked2d' }, ranks: [2, 3], extra: WIDE },
  ];
  for (const { mode, ranks, cases: only, extra = [] } of FORCED) {
    const label = Object.entries(mode)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    describe(`forced ${label}`, () => {
      const cases = [...FIXED, ...extra, ...RANDOM.filter((_, i) => i % 2 === 0 || mode.inputGradient === 'depthSlabs' || mode.stackedInputGradient !== undefined)];
      for (const c of cases.filter((c) => ranks.includes(c.spec.input.length - 1) && (only?.(c) ?? true))) {
        it(c.label, async () => {
          const saved = { ...CONV_RULES };
          Object.assign(CONV_RULES, mode);
          try {
            expectFormulation(c, mode);
            await grads.expectMatch(`${c.label} [${label}]`, c.spec, c.batch, c.seed, FORCED_SAMPLES);
          } finally {
            Object.assign(CONV_RULES, saved);
          }
        });
      }
    });
  }

  for (const c of RANDOM) {
    const l = c.spec.layers[0] as ConvSpec;
    const path = c.spec.input.length === 4 && costOf(c.spec) <= SUB_PIXEL_MAX_COST ? 'depth slabs' : 'col2im';
    const desc = `${c.label}: in [${c.spec.input}] k ${JSON.stringify(l.kernel)} s ${JSON.stringify(l.stride)} p ${JSON.stringify(l.padding)}${l.bias === false ? ' no bias' : ''} (${path}), ${c.spec.layers.length / 2} conv(s), batch ${c.batch}`;
    it(desc, async () => {
      await grads.expectMatch(desc, c.spec, c.batch, c.seed);
    });
  }

  // Negative controls: the same check catches small, plausible mistakes in the backward rule.
  describe('negative controls (a deliberately broken backward rule is caught)', () => {
    const spec: NetworkSpec = {
      input: [2, 7, 7],
      layers: [
        { type: 'conv2d', outChannels: 3, kernel: 3, stride: 2, padding: 1 },
        { type: 'tanh' },
        { type: 'conv2d', outChannels: 2, kernel: 3, stride: 1 },
        { type: 'tanh' },
      ],
    };
    async function withBrokenBackward(mutate: (g: Parameters<typeof convRule.backward>[0], out: ReturnType<typeof convRule.backward>) => void) {
      const original = convRule.backward;
      convRule.backward = (g, ...rest) => {
        const out = original(g, ...rest);
        mutate(g, out);
        return out;
      };
      try {
        return await checkGradients(spec, 2, 1, SAMPLES);
      } finally {
        convRule.backward = original;
      }
    }

    it('dE/dx off by 0.1 %', async () => {
      const r = await withBrokenBackward((g, out) => {
        if (out.gx) out.gx = g.op('Mul', [out.gx, g.constFloat([1.001], [])]);
      });
      expect(r.mismatches.some((m) => m.what === 'dE/dx')).toBe(true);
    });

    it('weight gradient with the kernel flipped along the last axis', async () => {
      const r = await withBrokenBackward((g, out) => {
        if (out.paramGrads.length > 0) {
          out.paramGrads[0] = g.op('Slice', [out.paramGrads[0], g.constInt64([-1]), g.constInt64([-Number.MAX_SAFE_INTEGER]), g.constInt64([3]), g.constInt64([-1])]);
        }
      });
      expect(r.mismatches.some((m) => m.what === 'dE/dθ')).toBe(true);
      expect(r.mismatches.every((m) => m.what === 'dE/dθ')).toBe(true);
    });

    it('the unbroken rule passes the same check', async () => {
      const r = await checkGradients(spec, 2, 1, SAMPLES);
      expect(r.mismatches).toEqual([]);
    });

    it('per-image columns whose one-hot kernel picks the taps transposed (a ↔ b) are caught; the right ones pass', async () => {
      const saved = { ...CONV_RULES };
      CONV_RULES.weightGradient = 'imageColumns';
      try {
        expect(graphNodes(compileGraph(resolveNetwork(spec), 2, 'paramGrad').onnx).filter((n) => n.op === 'Conv').length).toBeGreaterThanOrEqual(2);
        expect((await checkGradients(spec, 2, 1, SAMPLES)).mismatches).toEqual([]);
        const r = await withBrokenBackward((g, out) => {
          // dW [Cout, Cin, kh, kw] with kh and kw swapped: what a one-hot kernel indexed (b, a) would give.
          if (out.paramGrads.length > 0) out.paramGrads[0] = g.op('Transpose', [out.paramGrads[0]], { perm: [0, 1, 3, 2] });
        });
        expect(r.mismatches.some((m) => m.what === 'dE/dθ')).toBe(true);
        expect(r.mismatches.every((m) => m.what === 'dE/dθ')).toBe(true);
      } finally {
        Object.assign(CONV_RULES, saved);
      }
    });
  });

  describe('negative controls under the stacked-2D conv3d (depth phases), tap-column forward and single-position GEMM', () => {
    // conv3d k3 s2 p1 (stacked 2D) → tanh → conv3d k[2,4,4] onto one position (a GEMM) → tanh
    const spec: NetworkSpec = {
      input: [2, 4, 7, 7],
      layers: [
        { type: 'conv3d', outChannels: 3, kernel: 3, stride: 2, padding: 1 },
        { type: 'tanh' },
        { type: 'conv3d', outChannels: 2, kernel: [2, 4, 4] },
        { type: 'tanh' },
      ],
    };
    const mode: Partial<typeof CONV_RULES> = { conv3d: 'stacked2d', stackedInputGradient: 'depthPhases', forward: 'tapColumns', singlePosition: 'gemm' };
    async function check(patch: () => () => void) {
      const saved = { ...CONV_RULES };
      Object.assign(CONV_RULES, mode);
      const restore = patch();
      try {
        return await checkGradients(spec, 2, 1, SAMPLES);
      } finally {
        restore();
        Object.assign(CONV_RULES, saved);
      }
    }
    const patchBackward = (mutate: (g: Parameters<typeof convRule.backward>[0], out: ReturnType<typeof convRule.backward>) => void) => () => {
      const original = convRule.backward;
      convRule.backward = (g, ...rest) => {
        const out = original(g, ...rest);
        mutate(g, out);
        return out;
      };
      return () => (convRule.backward = original);
    };

    it('the graphs use the three formulations', () => {
      const saved = { ...CONV_RULES };
      Object.assign(CONV_RULES, mode);
      try {
        const ops = graphNodes(compileGraph(resolveNetwork(spec), 2, 'paramGrad').onnx).map((n) => n.op);
        expect(ops).not.toContain('Conv');
        expect(ops.filter((o) => o === 'Gemm').length).toBeGreaterThanOrEqual(4);
      } finally {
        Object.assign(CONV_RULES, saved);
      }
    });

    it('dE/dx off by 0.1 %', async () => {
      const r = await check(patchBackward((g, out) => {
        if (out.gx) out.gx = g.op('Mul', [out.gx, g.constFloat([1.001], [])]);
      }));
      expect(r.mismatches.some((m) => m.what === 'dE/dx')).toBe(true);
    });

    it('weight gradient with the kernel flipped along the last axis', async () => {
      const r = await check(patchBackward((g, out) => {
        if (out.paramGrads.length > 0) {
          out.paramGrads[0] = g.op('Slice', [out.paramGrads[0], g.constInt64([-1]), g.constInt64([-Number.MAX_SAFE_INTEGER]), g.constInt64([4]), g.constInt64([-1])]);
        }
      }));
      expect(r.mismatches.some((m) => m.what === 'dE/dθ')).toBe(true);
      expect(r.mismatches.every((m) => m.what === 'dE/dθ')).toBe(true);
    });

    it('weight gradient with its depth taps reversed (as if the depth-phase blocks were not put back in tap order)', async () => {
      // The first conv3d (k3 s2) takes dE/dW from tap columns of its depth slices by phase: taps 0, 2 then 1.
      expect(CONV_RULES.stackedWeightGradient).toBe('auto');
      const r = await check(patchBackward((g, out) => {
        if (out.paramGrads.length > 0 && out.gx === undefined) {
          out.paramGrads[0] = g.op('Slice', [out.paramGrads[0], g.constInt64([-1]), g.constInt64([-Number.MAX_SAFE_INTEGER]), g.constInt64([2]), g.constInt64([-1])]);
        }
      }));
      expect(r.mismatches.some((m) => m.what === 'dE/dθ')).toBe(true);
      expect(r.mismatches.every((m) => m.what === 'dE/dθ')).toBe(true);
    });

    it('depth slabs stacked in the wrong tap order (the kernel reversed along depth)', async () => {
      // The stacked 2D kernel is shared per graph under 'stackedWeight:<weight>': seed it with the depth taps reversed.
      const r = await check(() => {
        const original = convRule.forward;
        convRule.forward = (g, layer, ctx, x) => {
          if (ctx.index === 0) {
            const [cout, cin, kd, kh, kw] = [3, 2, 3, 3, 3];
            g.shared(`stackedWeight:${ctx.params[0]}`, () => {
              const reversed = g.op('Slice', [ctx.params[0], g.constInt64([-1]), g.constInt64([-Number.MAX_SAFE_INTEGER]), g.constInt64([2]), g.constInt64([-1])]);
              return g.op('Reshape', [g.op('Transpose', [reversed], { perm: [0, 2, 1, 3, 4] }), g.constInt64([cout, kd * cin, kh, kw])]);
            });
          }
          return original(g, layer, ctx, x);
        };
        return () => (convRule.forward = original);
      });
      expect(r.mismatches.some((m) => m.what === 'energy')).toBe(true);
      expect(r.mismatches.some((m) => m.what === 'dE/dx')).toBe(true);
    });

    it('the unbroken formulations pass the same check', async () => {
      const r = await check(() => () => {});
      expect(r.mismatches).toEqual([]);
    });
  });

  it('reports the largest scaled error', () => {
    console.log(`conv: largest scaled error over ${grads.count} gradient checks: ${grads.worst.toFixed(4)}`);
    expect(grads.worst).toBeGreaterThan(0);
  });
});
