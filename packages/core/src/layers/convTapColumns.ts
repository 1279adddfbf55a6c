import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';

/**
 * The im2col columns of a conv2d, gathered in the graph: [kh·kw·Cin, N·Ho·Wo], rows tap-major (a, b, cin).
 * xᵀ [Cin, N, H, W] is padded to a multiple of the stride s, SpaceToDepth splits it into its s² phases
 * [Cin, s², N, H/s, W/s], and each tap (a, b) is then a unit-stride slice of phase (a mod s, b mod s) at offset
 * (⌊a/s⌋, ⌊b/s⌋). Strided Slice measured 5–10× slower than SpaceToDepth plus plain slices. Gathered once per
 * graph: the forward and the weight gradient share them. Needs equal strides along H and W.
 */
export function tapColumns(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  return g.shared(`tapColumns:${x}:${geo.kernel}:${geo.stride}:${geo.padding}`, () => {
    const [cin, H, W] = ctx.inShape;
    const [, Ho, Wo] = ctx.outShape;
    const [kh, kw] = geo.kernel;
    const s = geo.stride[0];
    const [ph, pw] = geo.padding;
    const T = [H + 2 * ph, W + 2 * pw].map((t) => Math.ceil(t / s) * s);
    let xt = g.op('Transpose', [x], { perm: [1, 0, 2, 3] });
    if (T[0] !== H || T[1] !== W) xt = g.op('Pad', [xt, g.constInt64([0, 0, ph, pw, 0, 0, T[0] - H - ph, T[1] - W - pw])], { mode: 'constant' });
    const phases = s > 1 ? g.op('Reshape', [g.op('SpaceToDepth', [xt], { blocksize: s }), g.constInt64([cin, s * s, -1, T[0] / s, T[1] / s])]) : xt;
    const taps: string[] = [];
    for (let a = 0; a < kh; a++) {
      for (let b = 0; b < kw; b++) {
        const [j1, j2] = [Math.floor(a / s), Math.floor(b / s)];
        const r = (a % s) * s + (b % s);
        taps.push(
          s > 1
            ? g.op('Slice', [phases, g.constInt64([r, j1, j2]), g.constInt64([r + 1, j1 + Ho, j2 + Wo]), g.constInt64([1, 3, 4])])
            : g.op('Slice', [phases, g.constInt64([a, b]), g.constInt64([a + Ho, b + Wo]), g.constInt64([2, 3])]),
        );
      }
    }
    return g.op('Reshape', [taps.length > 1 ? g.op('Concat', taps, { axis: 0 }) : taps[0], g.constInt64([kh * kw * cin, -1])]);
  });
}

/**
 * dE/dW [Cout, Cin, kh, kw] of a conv2d as one GEMM gyᵀ [Cout, N·Ho·Wo] · colsᵀ over the {@link tapColumns}.
 * The dilated Conv ({@link convWeightGradient}) runs Cin thin GEMMs of only k² columns each.
 */
export function convWeightGradientByTapColumns(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, gy: string, colsFirst = false): string {
  const cout = ctx.outShape[0];
  const [kh, kw] = geo.kernel;
  const gyt = g.op('Reshape', [g.op('Transpose', [gy], { perm: [1, 0, 2, 3] }), g.constInt64([cout, -1])]);
  if (colsFirst) {
    // colsᵀ·gy: the GEMM packs gy (Cout per position) instead of the columns (kh·kw·Cin per position).
    const gwt = g.op('Gemm', [tapColumns(g, ctx, geo, x), gyt], { transB: 1 });
    return g.op('Transpose', [g.op('Reshape', [gwt, g.constInt64([kh, kw, ctx.inShape[0], cout])])], { perm: [3, 2, 0, 1] });
  }
  const gw = g.op('Gemm', [gyt, tapColumns(g, ctx, geo, x)], { transB: 1 });
  return g.op('Transpose', [g.op('Reshape', [gw, g.constInt64([cout, kh, kw, ctx.inShape[0]])])], { perm: [0, 3, 1, 2] });
}

/**
 * A conv2d forward as one GEMM over the whole batch: W [Cout, kh·kw·Cin] · cols [kh·kw·Cin, N·Ho·Wo] plus the
 * bias, then [Cout, N, Ho, Wo] → [N, Cout, Ho, Wo]. onnxruntime's Conv with weights that are not constants
 * runs one im2col and GEMM per image, thin when an image has few output positions; here the columns are also
 * the weight gradient's.
 */
export function convForwardByTapColumns(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  const [cout, Ho, Wo] = ctx.outShape;
  const [w, bias] = ctx.params;
  const wt = g.op('Reshape', [g.op('Transpose', [w], { perm: [0, 2, 3, 1] }), g.constInt64([cout, -1])]);
  const inputs = [wt, tapColumns(g, ctx, geo, x)];
  if (bias) inputs.push(g.op('Reshape', [bias, g.constInt64([cout, 1])]));
  const y = g.op('Gemm', inputs);
  return g.op('Transpose', [g.op('Reshape', [y, g.constInt64([cout, -1, Ho, Wo])])], { perm: [1, 0, 2, 3] });
}
