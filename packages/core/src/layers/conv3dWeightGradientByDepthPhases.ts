import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';
import { tapColumns } from './convTapColumns.js';
import { imageColumns } from './convImageColumns.js';
import { depthMajor, planeGeometry } from './conv3dAsStacked2d.js';

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
  const plane = planeGeometry(geo);
  const xd = depthMajor(g, x);
  const blocks: string[] = [];
  const order: number[] = [];
  for (let r = 0; r < Math.min(sd, kd); r++) {
    const taps = Array.from({ length: Math.ceil((kd - r) / sd) }, (_, e) => e);
    order.push(...taps.map((e) => sd * e + r));
    // Rows q with a real depth d = sd·q + r − pd in [0, D) that some tap of this phase reaches (q − e in [0, Do)).
    const qLo = Math.max(0, Math.ceil((pd - r) / sd));
    const qHi = Math.min(Do - 1 + taps.length - 1, Math.floor((pd + D - 1 - r) / sd));
    if (qHi < qLo) {
      // No real depth in this phase (padding wider than the input along depth): these taps see only zeros.
      blocks.push(g.op('Expand', [g.constFloat([0], [1]), g.constInt64([cout, cin, taps.length, kh, kw])]));
      continue;
    }
    const Q = qHi - qLo + 1;
    const depths = Array.from({ length: Q }, (_, i) => sd * (qLo + i) + r - pd);
    const slices = g.op('Reshape', [g.op('Gather', [xd, g.constInt64(depths)], { axis: 1 }), g.constInt64([-1, cin, H, W])]);
    const ctx2d: LayerContext = { index: ctx.index, batch: ctx.batch * Q, inShape: [cin, H, W], outShape: [cout, Ho, Wo], params: [] };
    if (perImage) {
      // Per slice: its taps' output gradients [N, Q, T·Cout, Ho·Wo] against its columns, one batched GEMM, summed.
      const gyd = g.op('Reshape', [depthMajor(g, gy), g.constInt64([0, Do, cout, Ho * Wo])]);
      const rows = shiftedDepthWindows(g, gyd, 1, Do, qLo, qHi, taps.length);
      const stacked = g.op('Reshape', [rows.length > 1 ? g.op('Concat', rows, { axis: 2 }) : rows[0], g.constInt64([-1, taps.length * cout, Ho * Wo])]);
      const perSlice = g.op('MatMul', [stacked, g.op('Transpose', [imageColumns(g, ctx2d, plane, slices)], { perm: [0, 2, 1] })]);
      const sum = g.op('ReduceSum', [perSlice, g.constInt64([0])], { keepdims: 0 });
      // [T·Cout, Cin·kh·kw] → [Cout, Cin, T, kh, kw]
      blocks.push(g.op('Transpose', [g.op('Reshape', [sum, g.constInt64([taps.length, cout, cin, kh, kw])])], { perm: [1, 2, 0, 3, 4] }));
      continue;
    }
    // gy as [Cout, N, Do, Ho·Wo]: rows of the GEMM, (n, depth, position) its reduction like the tap columns.
    const gyt = g.shared(`channelMajor:${gy}`, () => g.op('Reshape', [g.op('Transpose', [gy], { perm: [1, 0, 2, 3, 4] }), g.constInt64([cout, -1, Do, Ho * Wo])]));
    const rows = shiftedDepthWindows(g, gyt, 2, Do, qLo, qHi, taps.length).map((w) => g.op('Reshape', [w, g.constInt64([cout, -1])]));
    // colsᵀ·gy (the GEMM packs the output gradient): [kh·kw·Cin, T·Cout] → [Cout, Cin, T, kh, kw].
    const gw = g.op('Gemm', [tapColumns(g, ctx2d, plane, slices), rows.length > 1 ? g.op('Concat', rows, { axis: 0 }) : rows[0]], { transB: 1 });
    blocks.push(g.op('Transpose', [g.op('Reshape', [gw, g.constInt64([kh, kw, cin, taps.length, cout])])], { perm: [4, 2, 3, 0, 1] }));
  }
  const all = blocks.length > 1 ? g.op('Concat', blocks, { axis: 2 }) : blocks[0];
  // Blocks are phase-major (t = r, r + sd, …); put the taps back in order t = 0 … kd − 1.
  if (order.every((t, i) => t === i)) return all;
  return g.op('Gather', [all, g.constInt64(Array.from({ length: kd }, (_, t) => order.indexOf(t)))], { axis: 2 });
}

/**
 * For taps e = 0 … T − 1, the rows q − e (q in [qLo, qHi]) of `t` along its depth axis `axis` (Do rows), zero where
 * q − e falls outside [0, Do): one Pad of the whole tensor, then one Slice per tap.
 */
function shiftedDepthWindows(g: GraphBuilder, t: string, axis: number, Do: number, qLo: number, qHi: number, T: number): string[] {
  const front = Math.max(0, T - 1 - qLo);
  const back = Math.max(0, qHi - (Do - 1));
  const pads = [0, 0, 0, 0, 0, 0, 0, 0];
  pads[axis] = front;
  pads[4 + axis] = back;
  const padded = front > 0 || back > 0 ? g.op('Pad', [t, g.constInt64(pads)], { mode: 'constant' }) : t;
  return Array.from({ length: T }, (_, e) => g.op('Slice', [padded, g.constInt64([qLo - e + front]), g.constInt64([qHi - e + front + 1]), g.constInt64([axis])]));
}
