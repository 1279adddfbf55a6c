import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';
import { tapColumns } from './convTapColumns.js';
import { imageColumns } from './convImageColumns.js';

/**
 * dE/dW [Cout, Cin, kd, kh, kw] of a conv3d from 2D tap columns of the input's own depth slices, each slice once.
 *
 * Tap t = sd·e + r reads padded depth sd·(od + e) + r: depth phase r at row q = od + e. So with the tap columns
 * C_r [kh·kw·Cin, N·Q_r·Ho·Wo] of the phase's real depth slices (rows q₀ … q₁), dW[:, :, t] = Σ_q gy[q − e] · C_r[q]ᵀ:
 * the output gradient shifted by e rows along depth (zero outside [0, Do)), and all taps of a phase are one GEMM
 * with their shifted output gradients stacked as rows. The depth slabs ({@link conv3dBackwardAsStacked2d}) hold
 * kd·Do slices, each input slice up to kd/sd times: 3× the columns for the video net's first layer (kd 3, sd 1),
 * 1.5× for its strided ones. Needs equal H/W strides (the tap columns').
 * With `perImage` the columns are per depth slice ({@link imageColumns}: onnxruntime's own im2col) and the GEMM is
 * batched over the slices, then summed.
 * @param x input [N, Cin, D, H, W]; gy output gradient [N, Cout, Do, Ho, Wo]
 */
export function conv3dWeightGradientByDepthPhases(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, gy: string, perImage = false): string {
  const [cin, D, H, W] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const [kd, kh, kw] = geo.kernel;
  const [sd] = geo.stride;
  const [pd] = geo.padding;
  const plane: ConvGeometry = { kernel: geo.kernel.slice(1), stride: geo.stride.slice(1), padding: geo.padding.slice(1) };
  const xd = g.shared(`depthMajor:${x}`, () => g.op('Transpose', [x], { perm: [0, 2, 1, 3, 4] }));
  // gy as [Cout, N, Do, Ho·Wo]: rows of the GEMM, (n, depth, position) its reduction like the columns.
  const gyt = g.op('Reshape', [g.op('Transpose', [gy], { perm: [1, 0, 2, 3, 4] }), g.constInt64([cout, -1, Do, Ho * Wo])]);
  const blocks: string[] = [];
  const order: number[] = [];
  for (let r = 0; r < Math.min(sd, kd); r++) {
    const taps = Array.from({ length: Math.ceil((kd - r) / sd) }, (_, e) => e);
    // Rows q with a real depth d = sd·q + r − pd in [0, D) that some tap of this phase reaches (q − e in [0, Do)).
    const qLo = Math.max(0, Math.ceil((pd - r) / sd));
    const qHi = Math.min(Do - 1 + taps.length - 1, Math.floor((pd + D - 1 - r) / sd));
    if (qHi < qLo) {
      // No real depth in this phase (padding wider than the input along depth): these taps see only zeros.
      blocks.push(g.op('Expand', [g.constFloat([0], [1]), g.constInt64([cout, cin, taps.length, kh, kw])]));
      order.push(...taps.map((e) => sd * e + r));
      continue;
    }
    const Q = qHi - qLo + 1;
    const depths = Array.from({ length: Q }, (_, i) => sd * (qLo + i) + r - pd);
    const slices = g.op('Reshape', [g.op('Gather', [xd, g.constInt64(depths)], { axis: 1 }), g.constInt64([-1, cin, H, W])]);
    const ctx2d: LayerContext = { index: ctx.index, batch: ctx.batch * Q, inShape: [cin, H, W], outShape: [cout, Ho, Wo], params: [] };
    if (perImage) {
      blocks.push(perImagePhase(g, ctx, plane, imageColumns(g, ctx2d, plane, slices), gy, qLo, qHi, taps.length));
      order.push(...taps.map((e) => sd * e + r));
      continue;
    }
    const cols = tapColumns(g, ctx2d, plane, slices);
    // Tap e needs gy rows q − e for q in [qLo, qHi]: pad gy along depth so every such window is a plain slice.
    const front = Math.max(0, taps.length - 1 - qLo);
    const back = Math.max(0, qHi - (Do - 1));
    const gyp = front > 0 || back > 0 ? g.op('Pad', [gyt, g.constInt64([0, 0, front, 0, 0, 0, back, 0])], { mode: 'constant' }) : gyt;
    const rows = taps.map((e) =>
      g.op('Reshape', [g.op('Slice', [gyp, g.constInt64([qLo - e + front]), g.constInt64([qHi - e + front + 1]), g.constInt64([2])]), g.constInt64([cout, -1])]),
    );
    // colsᵀ·gy (the GEMM packs the output gradient): [kh·kw·Cin, T·Cout] → [Cout, Cin, T, kh, kw].
    const gw = g.op('Gemm', [cols, rows.length > 1 ? g.op('Concat', rows, { axis: 0 }) : rows[0]], { transB: 1 });
    blocks.push(g.op('Transpose', [g.op('Reshape', [gw, g.constInt64([kh, kw, cin, taps.length, cout])])], { perm: [4, 2, 3, 0, 1] }));
    order.push(...taps.map((e) => sd * e + r));
  }
  const all = blocks.length > 1 ? g.op('Concat', blocks, { axis: 2 }) : blocks[0];
  // Blocks are phase-major (t = r, r + sd, …); put the taps back in order t = 0 … kd − 1.
  if (order.every((t, i) => t === i)) return all;
  return g.op('Gather', [all, g.constInt64(Array.from({ length: kd }, (_, t) => order.indexOf(t)))], { axis: 2 });
}

/**
 * One depth phase's taps [Cout, Cin, T, kh, kw] from per-slice columns [N·Q, Cin·kh·kw, Ho·Wo] (slices q₀ … q₁ of each
 * sample): per slice the output gradients of its T taps (rows q − e, zero outside [0, Do)) stacked [T·Cout, Ho·Wo],
 * one batched GEMM against the slice's columns, summed over the slices.
 */
function perImagePhase(g: GraphBuilder, ctx: LayerContext, plane: ConvGeometry, cols: string, gy: string, qLo: number, qHi: number, T: number): string {
  const [cin] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const [kh, kw] = plane.kernel;
  // gy depth-major [N, Do, Cout, Ho·Wo], padded so that rows q − e for q in [qLo, qHi] are plain slices.
  const gyd = g.op('Reshape', [g.shared(`depthMajor:${gy}`, () => g.op('Transpose', [gy], { perm: [0, 2, 1, 3, 4] })), g.constInt64([0, Do, cout, Ho * Wo])]);
  const front = Math.max(0, T - 1 - qLo);
  const back = Math.max(0, qHi - (Do - 1));
  const gyp = front > 0 || back > 0 ? g.op('Pad', [gyd, g.constInt64([0, front, 0, 0, 0, back, 0, 0])], { mode: 'constant' }) : gyd;
  const rows = Array.from({ length: T }, (_, e) => g.op('Slice', [gyp, g.constInt64([qLo - e + front]), g.constInt64([qHi - e + front + 1]), g.constInt64([1])]));
  const stacked = g.op('Reshape', [T > 1 ? g.op('Concat', rows, { axis: 2 }) : rows[0], g.constInt64([-1, T * cout, Ho * Wo])]);
  const perSlice = g.op('MatMul', [stacked, g.op('Transpose', [cols], { perm: [0, 2, 1] })]);
  const sum = g.op('ReduceSum', [perSlice, g.constInt64([0])], { keepdims: 0 });
  // [T·Cout, Cin·kh·kw] → [Cout, Cin, T, kh, kw]
  return g.op('Transpose', [g.op('Reshape', [sum, g.constInt64([T, cout, cin, kh, kw])])], { perm: [1, 2, 0, 3, 4] });
}
