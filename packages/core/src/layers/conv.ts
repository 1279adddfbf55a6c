import { SpecError } from '../spec/SpecError.js';
import type { ConvSpec } from '../spec/NetworkSpec.js';
import type { LayerRule, LayerContext, GradientsWanted } from './LayerRule.js';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import { convGeometry, convOutSize, type ConvBackward, type ConvForward, type ConvGeometry } from './convGeometry.js';
import { conv3dBackwardAsStacked2d, conv3dForwardAsStacked2d, depthPhaseWaste, planeGeometry, type StackedInputGradient } from './conv3dAsStacked2d.js';
import { convBackwardAsGemm, convForwardAsGemm, hasSinglePosition } from './convAsGemm.js';
import { convForwardByTapColumns, convWeightGradientByTapColumns } from './convTapColumns.js';
import { convForwardNchwc } from './convNchwc.js';
import { conv3dWeightGradientByDepthPhases } from './conv3dWeightGradientByDepthPhases.js';
import { convWeightGradientByImageColumns } from './convImageColumns.js';

export { convGeometry, convOutSize, type ConvBackward, type ConvForward, type ConvGeometry } from './convGeometry.js';

/**
 * Convolution over 2 or 3 spatial dims (conv2d: x [N, Cin, H, W]; conv3d: x [N, Cin, D, H, W]),
 * weight [Cout, Cin, ...kernel], bias [Cout], zero padding p on both sides of each axis.
 *
 * Formulations (chosen per part by {@link convPlan}; each stays selectable through {@link CONV_RULES} and is
 * tested on its own):
 * - a conv with one output position is a linear layer ({@link convForwardAsGemm});
 * - a conv3d's dE/dx, and its forward and dE/dW where that measured faster, run as 2D convs over depth slabs
 *   ({@link conv3dForwardAsStacked2d}, {@link conv3dBackwardAsStacked2d}): onnxruntime's 3D Col2Im, ConvTranspose
 *   and Conv run generic N-d loops;
 * - 2D dE/dx = the transposed convolution of gy with W, as one GEMM plus Col2Im ({@link convInputGradientByCol2Im}),
 *   measured faster (A/B in one process, all four benchmark nets) than ConvTranspose and the sub-pixel form
 *   ({@link convInputGradient});
 * - 2D dE/dW: with many output positions per image a batched GEMM over per-image columns that onnxruntime's own
 *   im2col fills ({@link convWeightGradientByImageColumns}); else for kernels of few taps one GEMM over tap columns
 *   ({@link convWeightGradientByTapColumns}), else Conv(xᵀ, gyᵀ) with dilation = stride ({@link convWeightGradient});
 * - dE/db = Σ over batch and space of gy.
 */
export const conv: LayerRule<ConvSpec> = {
  resolve(spec, inShape, index) {
    const rank = spec.type === 'conv2d' ? 2 : 3;
    if (inShape.length !== rank + 1) {
      throw new SpecError(
        `layer ${index} (${spec.type}): input has shape [${inShape}] but ${spec.type} needs [C, ${rank === 2 ? 'H, W' : 'D, H, W'}]; ` +
          `use ${inShape.length === 3 ? 'conv2d' : inShape.length === 4 ? 'conv3d' : 'a flat layer'} here`,
        index,
      );
    }
    if (!Number.isInteger(spec.outChannels) || spec.outChannels <= 0) {
      throw new SpecError(`layer ${index} (${spec.type}): outChannels ${spec.outChannels} must be a positive integer`, index);
    }
    if (spec.inChannels !== undefined && spec.inChannels !== inShape[0]) {
      throw new SpecError(
        `layer ${index} (${spec.type}): inChannels ${spec.inChannels} does not match the ${inShape[0]} channels it receives; ` +
          `set inChannels to ${inShape[0]} or change the layer before it`,
        index,
      );
    }
    const { kernel, stride, padding } = convGeometry(spec, rank, index);
    const out = [spec.outChannels];
    for (let a = 0; a < rank; a++) {
      if (kernel[a] <= 0) throw new SpecError(`layer ${index} (${spec.type}): kernel ${kernel[a]} along axis ${a} must be positive`, index);
      if (stride[a] <= 0) throw new SpecError(`layer ${index} (${spec.type}): stride ${stride[a]} along axis ${a} must be positive`, index);
      if (padding[a] < 0) throw new SpecError(`layer ${index} (${spec.type}): padding ${padding[a]} along axis ${a} must be ≥ 0`, index);
      const padded = inShape[a + 1] + 2 * padding[a];
      if (kernel[a] > padded) {
        throw new SpecError(
          `layer ${index} (${spec.type}): kernel ${kernel[a]} is larger than its padded input ${padded} along spatial axis ${a}; ` +
            `use a kernel of at most ${padded}, more padding, or a larger input`,
          index,
        );
      }
      out.push(convOutSize(inShape[a + 1], kernel[a], stride[a], padding[a]));
    }
    const cin = inShape[0];
    const fanIn = cin * kernel.reduce((a, b) => a * b, 1);
    const params = [{ suffix: 'weight', shape: [spec.outChannels, cin, ...kernel], fanIn }];
    if (spec.bias !== false) params.push({ suffix: 'bias', shape: [spec.outChannels], fanIn: 0 });
    return { outShape: out, params };
  },

  forward(g, spec, ctx, x) {
    const geo = convGeometry(spec, ctx.inShape.length - 1);
    const plan = convPlan(g, ctx);
    if (plan.forward === 'gemm') return convForwardAsGemm(g, ctx, geo, x);
    if (plan.forward === 'stacked2d') return conv3dForwardAsStacked2d(g, ctx, geo, x, convForward);
    return convForward(g, ctx, geo, x);
  },

  backward(g, spec, ctx, x, _y, gy, want) {
    const geo = convGeometry(spec, ctx.inShape.length - 1);
    const plan = convPlan(g, ctx);
    const stacked = (w: GradientsWanted): { gx?: string; gw?: string } => {
      if (!w.params || !useDepthPhaseWeightGradient(geo)) return conv3dBackwardAsStacked2d(convBackward, stackedInputGradient(ctx, geo))(g, ctx, geo, x, gy, w);
      const gx = w.input ? conv3dBackwardAsStacked2d(convBackward, stackedInputGradient(ctx, geo))(g, ctx, geo, x, gy, { input: true, params: false }).gx : undefined;
      const [, , Ho, Wo] = ctx.outShape;
      const plane: LayerContext = { ...ctx, inShape: [ctx.inShape[0], ...ctx.inShape.slice(2)], outShape: [ctx.outShape[0], Ho, Wo] };
      return { gx, gw: conv3dWeightGradientByDepthPhases(g, ctx, geo, x, gy, useImageColumns(plane, planeGeometry(geo))) };
    };
    const parts = (form: ConvFormulation, w: GradientsWanted) =>
      !w.input && !w.params
        ? {}
        : form === 'gemm'
          ? convBackwardAsGemm(g, ctx, geo, x, gy, w)
          : form === 'stacked2d'
            ? stacked(w)
            : convBackward(g, ctx, geo, x, gy, w);
    let gx: string | undefined;
    let gw: string | undefined;
    if (plan.inputGradient === plan.weightGradient) ({ gx, gw } = parts(plan.inputGradient, want));
    else {
      gx = parts(plan.inputGradient, { input: want.input, params: false }).gx;
      gw = parts(plan.weightGradient, { input: false, params: want.params }).gw;
    }
    const paramGrads: string[] = [];
    if (want.params) {
      paramGrads.push(gw!);
      if (ctx.params.length > 1) paramGrads.push(biasGradient(g, ctx, gy));
    }
    return { gx, paramGrads };
  },

  reference(spec, ctx, x, params) {
    return referenceConv(spec, ctx, x, params[0], params[1]);
  },
};

/**
 * dE/db [Cout] = Σ over batch and space of gy [N, Cout, …]: over the contiguous spatial axis first, then the
 * batch (one ReduceSum over axes [0, 2, …] measured 1.1–2.3× the CPU time on the benchmark nets' shapes).
 */
function biasGradient(g: GraphBuilder, ctx: LayerContext, gy: string): string {
  const flat = g.op('Reshape', [gy, g.constInt64([0, ctx.outShape[0], -1])]);
  return g.op('ReduceSum', [g.op('ReduceSum', [flat, g.constInt64([2])], { keepdims: 0 }), g.constInt64([0])], { keepdims: 0 });
}

/** Which formulation each rule uses; 'auto' picks by cost. Tests force each one. */
export const CONV_RULES: {
  inputGradient: 'auto' | 'subPixel' | 'convTranspose' | 'depthSlabs' | 'col2im';
  /** 2D dE/dW (and the per-phase GEMMs of a stacked conv3d's): by cost ('auto'), dilated Conv, tap columns or per-image columns. */
  weightGradient: 'auto' | 'dilatedConv' | 'tapColumns' | 'imageColumns';
  /**
   * The tap-column weight gradient's GEMM: gyᵀ·cols ('gyFirst', what 'auto' takes) or colsᵀ·gy ('colsFirst', which
   * packs the smaller operand but leaves [kh·kw·Cin, Cout], a 4D permutation from θ's layout that onnxruntime runs
   * element by element: 14.7 ms of the shortrun32 update's last layer, against 2.2 ms for gyFirst's one-axis move).
   * Paired A/B of whole updates, colsFirst against gyFirst: shortrun32 1.03×, voxel 0.98× (noise); same values to
   * the bit.
   */
  tapColumnsGemm: 'auto' | 'gyFirst' | 'colsFirst';
  /** A conv3d as onnxruntime's 3D Conv ('native'), as one conv2d over depth slabs ({@link conv3dForwardAsStacked2d}), or per part by cost ('auto', {@link convPlan}). */
  conv3d: 'auto' | 'native' | 'stacked2d';
  /** Under conv3d 'auto': dE/dW as a 3D dilated Conv ('native'), stacked 2D, or like the forward ('auto'). */
  conv3dWeightGradient: 'auto' | 'native' | 'stacked2d';
  /** dE/dx of a stacked conv3d: per slab then a depth fold, or per depth phase ({@link conv3dBackwardAsStacked2d}). */
  stackedInputGradient: 'auto' | StackedInputGradient;
  /** The GEMM of the Col2Im input gradient: one per image, or one for the whole batch then a transpose ({@link convInputGradientByCol2Im}). */
  col2imGemm: 'auto' | 'perImage' | 'shared' | 'conv1x1';
  /** A 2D forward (also the stacked one of a conv3d) as ONNX Conv ('conv') or one GEMM over tap columns. */
  forward: 'auto' | 'conv' | 'tapColumns' | 'nchwc';
  /**
   * MLAS's NCHWc block size on this machine (0: unknown, no explicit NCHWc kernels). {@link EnergyModel.create} sets
   * it for the CPU provider, so 'auto' forwards with θ as inputs run on the NCHWc kernels in graphs compiled with
   * `cpuKernels` (the engine's own; exports stay standard ONNX). Measured: shortrun32 and video parameter updates
   * 0.86–0.89× the time of ONNX Conv, texture and voxel unchanged.
   */
  nchwcBlock: number;
  /** A conv with one output position: a Conv ('conv') or a linear layer over its window ({@link convForwardAsGemm}). */
  singlePosition: 'auto' | 'conv' | 'gemm';
  /** dE/dW of a stacked conv3d: the 2D rule on its depth slabs, or tap columns of its depth slices by phase ({@link conv3dWeightGradientByDepthPhases}). */
  stackedWeightGradient: 'auto' | 'slabs' | 'depthPhases';
} = {
  inputGradient: 'auto',
  weightGradient: 'auto',
  tapColumnsGemm: 'auto',
  conv3d: 'auto',
  conv3dWeightGradient: 'auto',
  stackedInputGradient: 'auto',
  col2imGemm: 'auto',
  forward: 'auto',
  nchwcBlock: 0,
  singlePosition: 'auto',
  stackedWeightGradient: 'auto',
};

/**
 * A conv's forward on onnxruntime layouts: ONNX Conv, in 2D with equal strides one GEMM over tap columns, or in 2D
 * with θ as graph inputs ('nchwc', and 'auto' in the engine's CPU graphs once the block size is known) onnxruntime's
 * NCHWc Conv.
 */
export const convForward: ConvForward = (g, ctx, geo, x) => {
  const byColumns = CONV_RULES.forward === 'tapColumns' && ctx.inShape.length === 3 && geo.stride[0] === geo.stride[1];
  if (byColumns) return convForwardByTapColumns(g, ctx, geo, x);
  const nchwc = (CONV_RULES.forward === 'nchwc' || (CONV_RULES.forward === 'auto' && g.cpuKernels)) && CONV_RULES.nchwcBlock > 0 && ctx.inShape.length === 3 && !g.isConstant(ctx.params[0]);
  if (nchwc && (ctx.inShape[0] < CONV_RULES.nchwcBlock || ctx.inShape[0] % 4 === 0)) return convForwardNchwc(g, ctx, geo, x, CONV_RULES.nchwcBlock);
  return g.op('Conv', [x, ...ctx.params], { kernel_shape: geo.kernel, strides: geo.stride, pads: [...geo.padding, ...geo.padding] });
};

/** How a conv's forward, input gradient or weight gradient is emitted: a linear layer, stacked 2D convs over depth slabs, or on ONNX Conv layouts. */
export type ConvFormulation = 'gemm' | 'stacked2d' | 'conv';

/**
 * The formulation of each part of a conv layer. A single-position conv is a linear layer ('gemm' unless
 * CONV_RULES.singlePosition is 'conv'). A conv3d under 'auto': dE/dx by stacked 2D convs (onnxruntime's 3D
 * Col2Im and ConvTranspose run generic N-d loops, 7–13× slower per element than its 2D Col2Im); the forward
 * stacked when the weights are constants (a frozen sampling snapshot: 2D NCHWc kernels) or the engine's CPU graph
 * runs 2D forwards on NCHWc kernels with θ as inputs (paired A/B, 2 threads: video update 0.83–0.89×, voxel 0.97×),
 * else onnxruntime's 3D Conv (one GEMM per sample over all Do·Ho·Wo positions, which measured faster than the 2D
 * Conv's GEMM per slab); dE/dW follows the forward.
 */
export function convPlan(g: GraphBuilder, ctx: LayerContext): { forward: ConvFormulation; inputGradient: ConvFormulation; weightGradient: ConvFormulation } {
  const all = (f: ConvFormulation) => ({ forward: f, inputGradient: f, weightGradient: f });
  if (hasSinglePosition(ctx) && CONV_RULES.singlePosition !== 'conv') return all('gemm');
  if (ctx.inShape.length !== 4 || CONV_RULES.conv3d === 'native') return all('conv');
  if (CONV_RULES.conv3d === 'stacked2d') return all('stacked2d');
  // In the engine's CPU graphs the stacked forward's 2D convs run on NCHWc kernels even with θ as inputs.
  const onNchwc = g.cpuKernels && CONV_RULES.forward === 'auto' && CONV_RULES.nchwcBlock > 0;
  const forward = g.isConstant(ctx.params[0]) || onNchwc ? 'stacked2d' : 'conv';
  const w = CONV_RULES.conv3dWeightGradient;
  return { forward, inputGradient: 'stacked2d', weightGradient: w === 'auto' ? forward : w === 'native' ? 'conv' : 'stacked2d' };
}

/**
 * Whether a stacked conv3d's dE/dW comes from tap columns of the input's depth slices by depth phase
 * ({@link conv3dWeightGradientByDepthPhases}) rather than from its depth slabs: under 'auto' wherever the slabs'
 * 2D weight gradient would use tap columns (equal H/W strides, few taps).
 */
function useDepthPhaseWeightGradient(geo: ConvGeometry): boolean {
  const rule = CONV_RULES.stackedWeightGradient;
  if (rule === 'slabs') return false;
  const [, kh, kw] = geo.kernel;
  const fits = geo.stride[1] === geo.stride[2];
  return fits && (rule === 'depthPhases' || (CONV_RULES.weightGradient !== 'dilatedConv' && kh * kw <= TAP_COLUMNS_MAX_TAPS));
}

/** Depth phases waste at most this share of extra slab rows before the slab fold is used instead. */
export const DEPTH_PHASE_MAX_WASTE = 1.25;

function stackedInputGradient(ctx: LayerContext, geo: ConvGeometry): StackedInputGradient {
  const rule = CONV_RULES.stackedInputGradient;
  if (rule !== 'auto') return rule;
  return depthPhaseWaste(ctx, geo) <= DEPTH_PHASE_MAX_WASTE ? 'depthPhases' : 'slabFold';
}

/**
 * A conv's backward (no bias) on onnxruntime Conv layouts: dE/dx by the input-gradient rule, dE/dW by tap
 * columns or the dilated Conv. The 'depthSlabs' input gradient is 3D only; in 2D it is the Col2Im one.
 */
export const convBackward: ConvBackward = (g, ctx, geo, x, gy, want) => {
  const rank = ctx.inShape.length - 1;
  let gx: string | undefined;
  if (want.input) {
    const rule = CONV_RULES.inputGradient;
    if (rule === 'subPixel') gx = convInputGradient(g, ctx, geo, gy);
    else if (rule === 'convTranspose') gx = convTransposeOp(g, ctx, geo, gy, ctx.params[0]);
    else if (rule === 'depthSlabs' && rank === 3) gx = convInputGradientByDepthSlabs(g, ctx, geo, gy);
    else if (rule === 'auto' && rank === 3 && subPixelCost(ctx, geo) <= SUB_PIXEL_MAX_COST) gx = convInputGradientByDepthSlabs(g, ctx, geo, gy);
    else gx = convInputGradientByCol2Im(g, ctx, geo, gy);
  }
  let gw: string | undefined;
  if (want.params) {
    if (useImageColumns(ctx, geo)) gw = convWeightGradientByImageColumns(g, ctx, geo, x, gy);
    else gw = useTapColumns(ctx, geo) ? convWeightGradientByTapColumns(g, ctx, geo, x, gy, CONV_RULES.tapColumnsGemm === 'colsFirst') : convWeightGradient(g, ctx, geo, x, gy);
  }
  return { gx, gw };
};

/**
 * 2D convs with at least this many output positions per image take dE/dW from per-image columns ('auto'); fewer
 * positions make the per-image GEMMs thin. Profiled runs, 3 each: texture update 94–105 → 82–103 ms, shortrun32
 * 556–596 → 526–546 ms, video (its depth slices) 107–112 → 99–103 ms; thresholds 64 and 1024 measured no better.
 */
export const IMAGE_COLUMNS_MIN_POSITIONS = 256;

/**
 * ...and at most this many kernel taps under 'auto': the one-hot kernel holds Cin·taps² values and costs taps
 * multiplications per column entry (5×5, the largest measured, costs 25).
 */
export const IMAGE_COLUMNS_MAX_TAPS = 25;

/** Whether a 2D conv's dE/dW comes from {@link convWeightGradientByImageColumns}. */
function useImageColumns(ctx: LayerContext, geo: ConvGeometry): boolean {
  const rule = CONV_RULES.weightGradient;
  if (ctx.inShape.length !== 3 || (rule !== 'auto' && rule !== 'imageColumns')) return false;
  const taps = geo.kernel[0] * geo.kernel[1];
  return rule === 'imageColumns' || (ctx.outShape[1] * ctx.outShape[2] >= IMAGE_COLUMNS_MIN_POSITIONS && taps <= IMAGE_COLUMNS_MAX_TAPS);
}

/** 2D kernels with at most this many taps get their weight gradient from tap columns and one GEMM. */
export const TAP_COLUMNS_MAX_TAPS = 64;

/** Whether {@link convWeightGradientByTapColumns} applies (2D, equal strides, few taps) and is not overridden. */
function useTapColumns(ctx: LayerContext, geo: ConvGeometry): boolean {
  if (CONV_RULES.weightGradient === 'dilatedConv') return false;
  const [kh, kw] = geo.kernel;
  const fits = ctx.inShape.length === 3 && geo.stride[0] === geo.stride[1];
  return fits && (CONV_RULES.weightGradient === 'tapColumns' || kh * kw <= TAP_COLUMNS_MAX_TAPS);
}

/**
 * dE/dW as Conv(xᵀ, gyᵀ) with dilation = stride: the batch becomes the reduction channel and the output
 * gradient the (dilated) kernel, giving [Cin, Cout, …k], transposed. The r = (in + 2p − k) mod s input rows the
 * forward's last window never reached are left out (less end padding, or a slice), so the Conv computes exactly
 * k taps per axis. Good when the kernel has many taps (each of Cin GEMMs then has ∏k columns), and in 3D.
 */
export function convWeightGradient(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, gy: string): string {
  const rank = ctx.inShape.length - 1;
  const { stride, padding } = geo;
  const inSp = ctx.inShape.slice(1);
  const remainder = geo.kernel.map((k, a) => (inSp[a] + 2 * padding[a] - k) % stride[a]);
  const swap = [1, 0, ...Array.from({ length: rank }, (_, a) => a + 2)];
  let xt = g.op('Transpose', [x], { perm: swap });
  const cut = remainder.map((r, a) => Math.max(0, r - padding[a]));
  if (cut.some((c) => c > 0)) {
    const axes = Array.from({ length: rank }, (_, a) => a + 2);
    xt = g.op('Slice', [xt, g.constInt64(axes.map(() => 0)), g.constInt64(inSp.map((n, a) => n - cut[a])), g.constInt64(axes)]);
  }
  const gyt = g.op('Transpose', [gy], { perm: swap });
  const padEnd = remainder.map((r, a) => Math.max(0, padding[a] - r));
  const gw = g.op('Conv', [xt, gyt], { kernel_shape: ctx.outShape.slice(1), dilations: stride, pads: [...padding, ...padEnd] });
  return g.op('Transpose', [gw], { perm: swap });
}

/**
 * dE/dx of a conv3d as 2D transposed convolutions over (H, W), one per output depth slab, plus a fold
 * along depth. onnxruntime's 3D ConvTranspose runs a generic N-d col2im that measured several times
 * slower than its 2D one; here each output depth od of gy [N, Cout, Do, Ho, Wo] becomes an image of the
 * batch [N·Do, Cout, Ho, Wo], the kernel [Cout, Cin, kd, kh, kw] a 2D kernel with Cin·kd output channels,
 * and the result [N, Do, Cin, kd, H, W] is added into depth sd·od + t − pd (taps grouped by phase: J
 * shifted adds).
 */
export function convInputGradientByDepthSlabs(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, gy: string): string {
  const [cin, D, H, W] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const [kd, kh, kw] = geo.kernel;
  const [sd, sh, sw] = geo.stride;
  const [pd, ph, pw] = geo.padding;
  const slabs = g.op('Reshape', [g.op('Transpose', [gy], { perm: [0, 2, 1, 3, 4] }), g.constInt64([-1, cout, Ho, Wo])]);
  const w2 = g.op('Reshape', [ctx.params[0], g.constInt64([cout, cin * kd, kh, kw])]);
  const ctx2d: LayerContext = { index: ctx.index, batch: ctx.batch * Do, inShape: [cin * kd, H, W], outShape: [cout, Ho, Wo], params: [w2] };
  let y = convInputGradientByCol2Im(g, ctx2d, { kernel: [kh, kw], stride: [sh, sw], padding: [ph, pw] }, slabs);
  // y [N·Do, Cin·kd, H, W] → [N, Do, Cin, kd, H·W]; taps t = j·sd + r padded to J·sd.
  const J = Math.ceil(kd / sd);
  y = g.op('Reshape', [y, g.constInt64([-1, Do, cin, kd, H * W])]);
  if (J * sd > kd) y = g.op('Pad', [y, g.constInt64([0, 0, 0, 0, 0, 0, 0, 0, J * sd - kd, 0])], { mode: 'constant' });
  y = g.op('Reshape', [y, g.constInt64([-1, Do, cin, J, sd, H * W])]);
  let z: string | undefined;
  for (let j = 0; j < J; j++) {
    let part = g.op('Slice', [y, g.constInt64([j]), g.constInt64([j + 1]), g.constInt64([3])]);
    part = g.op('Reshape', [part, g.constInt64([-1, Do, cin, sd, H * W])]);
    if (J > 1) part = g.op('Pad', [part, g.constInt64([0, j, 0, 0, 0, 0, J - 1 - j, 0, 0, 0])], { mode: 'constant' });
    z = z ? g.op('Add', [z, part]) : part;
  }
  // z [N, Do+J−1, Cin, sd, H·W]: padded depth sd·m + r. Back to [N, Cin, depth, H, W], crop the padding.
  const depth = (Do + J - 1) * sd;
  let gx = g.op('Reshape', [g.op('Transpose', [z!], { perm: [0, 2, 1, 3, 4] }), g.constInt64([-1, cin, depth, H, W])]);
  if (depth < pd + D) gx = g.op('Pad', [gx, g.constInt64([0, 0, 0, 0, 0, 0, 0, pd + D - depth, 0, 0])], { mode: 'constant' });
  if (pd > 0 || depth !== pd + D) gx = g.op('Slice', [gx, g.constInt64([pd]), g.constInt64([pd + D]), g.constInt64([2])]);
  return gx;
}

/** ConvTranspose with output_padding r = (in + 2p − k) mod s, the rows the forward's last window never reached. */
function convTransposeOp(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, gy: string, w: string): string {
  return g.op('ConvTranspose', [gy, w], {
    kernel_shape: geo.kernel,
    strides: geo.stride,
    pads: [...geo.padding, ...geo.padding],
    output_padding: geo.kernel.map((k, a) => (ctx.inShape[a + 1] + 2 * geo.padding[a] - k) % geo.stride[a]),
  });
}

/** Output positions per image from which {@link convInputGradientByCol2Im} runs one GEMM per image. */
export const COL2IM_MIN_POSITIONS = 32;

/**
 * dE/dx as the transposed convolution's two halves: the columns Wᵀ·gy [N, Cin·∏k, ∏Ho] by GEMM, then Col2Im
 * (opset 18) adding each column block back into the input. Images with many output positions get one GEMM
 * each; with few (thin GEMMs) batch and positions share one GEMM and the columns are transposed after.
 */
export function convInputGradientByCol2Im(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, gy: string): string {
  const cin = ctx.inShape[0];
  const cout = ctx.outShape[0];
  const taps = geo.kernel.reduce((a, b) => a * b, 1);
  const wt = g.op('Transpose', [g.op('Reshape', [ctx.params[0], g.constInt64([cout, cin * taps])])], { perm: [1, 0] });
  const L = ctx.outShape.slice(1).reduce((a, b) => a * b, 1);
  let cols: string;
  const perImage = CONV_RULES.col2imGemm === 'auto' ? L >= COL2IM_MIN_POSITIONS : CONV_RULES.col2imGemm === 'perImage';
  if (CONV_RULES.col2imGemm === 'conv1x1') {
    // The GEMM as a 1×1 Conv with Wᵀ as its kernel: with constant weights onnxruntime runs it on NCHWc kernels.
    const k1 = g.op('Reshape', [wt, g.constInt64([cin * taps, cout, 1, 1])]);
    cols = g.op('Reshape', [g.op('Conv', [g.op('Reshape', [gy, g.constInt64([0, cout, L, 1])]), k1], { kernel_shape: [1, 1] }), g.constInt64([0, cin * taps, L])]);
  } else if (perImage) {
    // Wide enough per image: batched MatMul Wᵀ [Cin·∏k, Cout] × gy [N, Cout, L] gives [N, Cin·∏k, L] directly.
    cols = g.op('MatMul', [wt, g.op('Reshape', [gy, g.constInt64([0, cout, L])])]);
  } else {
    // Few positions per image: batch and positions share one GEMM's columns, then a transpose to [N, Cin·∏k, L].
    const gyt = g.op('Reshape', [g.op('Transpose', [g.op('Reshape', [gy, g.constInt64([0, cout, L])])], { perm: [1, 0, 2] }), g.constInt64([cout, -1])]);
    cols = g.op('Transpose', [g.op('Reshape', [g.op('MatMul', [wt, gyt]), g.constInt64([cin * taps, -1, L])])], { perm: [1, 0, 2] });
  }
  return g.op('Col2Im', [cols, g.constInt64(ctx.inShape.slice(1)), g.constInt64(geo.kernel)], {
    strides: geo.stride,
    pads: [...geo.padding, ...geo.padding],
  });
}


/** A conv3d input gradient whose stride-1 (sub-pixel) form would cost more than this many times the direct multiplications (a large kernel over a small output) uses Col2Im over all three axes. */
export const SUB_PIXEL_MAX_COST = 2.5;

/** Per-axis plan of {@link convInputGradient}: taps per phase, output rows per phase, pads. */
interface AxisPlan {
  /** Taps of phase r: J_r = ⌈(k − r)/s⌉. */
  taps: number[];
  /** First phase row q₀ = ⌊p/s⌋ and rows per phase Q. */
  q0: number;
  rows: number;
}

function axisPlan(inSize: number, k: number, s: number, p: number): AxisPlan {
  const taps = Array.from({ length: s }, (_, r) => Math.max(0, Math.ceil((k - r) / s)));
  const q0 = Math.floor(p / s);
  return { taps, q0, rows: Math.floor((inSize - 1 + p) / s) - q0 + 1 };
}

/** Multiplications of {@link convInputGradient} relative to the transposed convolution's own. */
export function subPixelCost(ctx: LayerContext, geo: ConvGeometry): number {
  let ratio = 1;
  geo.kernel.forEach((k, a) => {
    const plan = axisPlan(ctx.inShape[a + 1], k, geo.stride[a], geo.padding[a]);
    ratio *= (plan.rows * k) / (ctx.outShape[a + 1] * k);
  });
  return ratio;
}

/**
 * dE/dx of a strided convolution as stride-1 "sub-pixel" convolutions, one per phase.
 *
 * Along an axis with kernel k, stride s, pad p, write the padded input index i + p = q·s + r (phase r).
 * Then dE/dx[i] = Σⱼ gy[q − j]·W[r + j·s]: a stride-1 correlation of gy with the phase's reversed
 * sub-kernel W[r::s], whose taps add up to k over the phases, so the phases together do the transposed
 * convolution's multiplications and no more (besides the rows cropped at the border). Their outputs
 * [N, Cin, Q…] are interleaved (DepthToSpace in 2D, else reshape/transpose) and cropped to the input.
 * With stride 1 this is the familiar Conv with the flipped, channel-swapped kernel.
 */
export function convInputGradient(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, gy: string): string {
  const rank = ctx.inShape.length - 1;
  const { kernel: k, stride: s, padding: p } = geo;
  const cin = ctx.inShape[0];
  const H = ctx.inShape.slice(1);
  const Ho = ctx.outShape.slice(1);
  const plans = k.map((ka, a) => axisPlan(H[a], ka, s[a], p[a]));
  const Q = plans.map((pl) => pl.rows);
  const spatial = Array.from({ length: rank }, (_, a) => a + 2);
  const phases = s.reduce((x, y) => x * y, 1);
  const wt = ctx.params[0];

  const phaseOutputs: string[] = [];
  for (let idx = 0; idx < phases; idx++) {
    // Phase tuple r (row-major over axes, matching the interleave below).
    const r: number[] = [];
    for (let a = rank - 1, rest = idx; a >= 0; a--) {
      r[a] = rest % s[a];
      rest = Math.floor(rest / s[a]);
    }
    const J = r.map((ra, a) => plans[a].taps[ra]);
    if (J.some((j) => j === 0)) {
      // Phase rows no kernel tap reaches (k < s): zero gradient.
      const batch = g.op('Slice', [g.op('Shape', [gy]), g.constInt64([0]), g.constInt64([1])]);
      const shape = g.op('Concat', [batch, g.constInt64([cin, ...Q])], { axis: 0 });
      phaseOutputs.push(g.op('Expand', [g.constFloat([0], [1]), shape]));
      continue;
    }
    // Reversed sub-kernel W[:, :, r + (J−1)s, …, r] → [Cin, Cout, J…].
    let w = g.op('Slice', [
      wt,
      g.constInt64(r.map((ra, a) => ra + (J[a] - 1) * s[a])),
      g.constInt64(r.map((ra) => (ra === 0 ? -Number.MAX_SAFE_INTEGER : ra - 1))),
      g.constInt64(spatial),
      g.constInt64(s.map((sa) => -sa)),
    ]);
    w = g.op('Transpose', [w], { perm: [1, 0, ...spatial] });
    const padBegin = J.map((j, a) => j - 1 - plans[a].q0);
    const padEnd = Q.map((q, a) => q - Ho[a] - padBegin[a] + J[a] - 1);
    let src = gy;
    if (padBegin.some((v) => v < 0) || padEnd.some((v) => v < 0)) {
      // gy rows that reach no input of this phase (padding ≥ kernel): crop them.
      const starts = padBegin.map((v) => Math.max(0, -v));
      const ends = padEnd.map((v, a) => Ho[a] - Math.max(0, -v));
      src = g.op('Slice', [gy, g.constInt64(starts), g.constInt64(ends), g.constInt64(spatial)]);
    }
    phaseOutputs.push(
      g.op('Conv', [src, w], { kernel_shape: J, pads: [...padBegin.map((v) => Math.max(0, v)), ...padEnd.map((v) => Math.max(0, v))] }),
    );
  }

  let gx: string;
  if (phases === 1) {
    gx = phaseOutputs[0];
  } else if (rank === 2 && s[0] === s[1]) {
    // Phase-major channels are exactly DepthToSpace's DCR layout, a fused kernel.
    gx = g.op('DepthToSpace', [g.op('Concat', phaseOutputs, { axis: 1 })], { blocksize: s[0], mode: 'DCR' });
  } else {
    gx = g.op('Concat', phaseOutputs, { axis: 1 });
    gx = g.op('Reshape', [gx, g.constInt64([0, ...s, cin, ...Q])]);
    gx = g.op('Transpose', [gx], { perm: [0, rank + 1, ...Q.flatMap((_, a) => [rank + 2 + a, 1 + a])] });
    gx = g.op('Reshape', [gx, g.constInt64([0, cin, ...Q.map((q, a) => q * s[a])])]);
  }
  const offset = p.map((pa, a) => pa - plans[a].q0 * s[a]);
  if (offset.some((o, a) => o !== 0 || Q[a] * s[a] !== H[a])) {
    gx = g.op('Slice', [gx, g.constInt64(offset), g.constInt64(offset.map((o, a) => o + H[a])), g.constInt64(spatial)]);
  }
  return gx;
}

/** Direct float64 convolution, 2 or 3 spatial dims (2D runs as 3D with depth 1). */
function referenceConv(spec: ConvSpec, ctx: LayerContext, x: Float64Array, w: Float64Array, b?: Float64Array): Float64Array {
  const rank = ctx.inShape.length - 1;
  const geo = convGeometry(spec, rank);
  const lift = (v: number[], fill: number): number[] => (rank === 2 ? [fill, ...v] : v);
  const [cin, ...inSp] = ctx.inShape;
  const [cout, ...outSp] = ctx.outShape;
  const [D, H, W] = lift(inSp, 1);
  const [OD, OH, OW] = lift(outSp, 1);
  const [KD, KH, KW] = lift(geo.kernel, 1);
  const [SD, SH, SW] = lift(geo.stride, 1);
  const [PD, PH, PW] = lift(geo.padding, 0);
  const N = ctx.batch;
  const y = new Float64Array(N * cout * OD * OH * OW);
  for (let n = 0; n < N; n++)
    for (let co = 0; co < cout; co++)
      for (let od = 0; od < OD; od++)
        for (let oh = 0; oh < OH; oh++)
          for (let ow = 0; ow < OW; ow++) {
            let acc = b ? b[co] : 0;
            for (let ci = 0; ci < cin; ci++)
              for (let kd = 0; kd < KD; kd++) {
                const id = od * SD + kd - PD;
                if (id < 0 || id >= D) continue;
                for (let kh = 0; kh < KH; kh++) {
                  const ih = oh * SH + kh - PH;
                  if (ih < 0 || ih >= H) continue;
                  for (let kw = 0; kw < KW; kw++) {
                    const iw = ow * SW + kw - PW;
                    if (iw < 0 || iw >= W) continue;
                    acc +=
                      x[(((n * cin + ci) * D + id) * H + ih) * W + iw] *
                      w[(((co * cin + ci) * KD + kd) * KH + kh) * KW + kw];
                  }
                }
              }
            y[(((n * cout + co) * OD + od) * OH + oh) * OW + ow] = acc;
          }
  return y;
}
