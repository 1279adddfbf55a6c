import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';

/**
 * The im2col columns of a conv2d per image, [N, Cin·kh·kw, Ho·Wo], rows (cin, a, b) in the weight's own order, by
 * one grouped Conv with a constant one-hot kernel: group = Cin, kh·kw output channels per group, output channel
 * cin·kh·kw + a·kw + b picking tap (a, b). onnxruntime fills each group's columns with its C++ im2col and then
 * multiplies them by the [kh·kw × kh·kw] identity (kh·kw multiplications per column entry), instead of graph
 * Slices and a Concat ({@link tapColumns}). Gathered once per graph.
 */
export function imageColumns(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  return g.shared(`imageColumns:${x}:${geo.kernel}:${geo.stride}:${geo.padding}`, () => {
    const [cin] = ctx.inShape;
    const [, Ho, Wo] = ctx.outShape;
    const [kh, kw] = geo.kernel;
    const taps = kh * kw;
    const onehot = new Array<number>(cin * taps * taps).fill(0);
    for (let c = 0; c < cin; c++) for (let t = 0; t < taps; t++) onehot[(c * taps + t) * taps + t] = 1;
    const cols = g.op('Conv', [x, g.constFloat(onehot, [cin * taps, 1, kh, kw])], {
      group: cin,
      kernel_shape: geo.kernel,
      strides: geo.stride,
      pads: [...geo.padding, ...geo.padding],
    });
    return g.op('Reshape', [cols, g.constInt64([0, cin * taps, Ho * Wo])]);
  });
}

/**
 * dE/dW [Cout, Cin, kh, kw] of a conv2d = Σ over images of gy_n [Cout, Ho·Wo] · cols_nᵀ over the {@link imageColumns}:
 * one batched GEMM (per image [Cout × Ho·Wo] · [Ho·Wo × Cin·kh·kw]) and a sum over the batch.
 * @param gy output gradient [N, Cout, Ho, Wo]
 */
export function convWeightGradientByImageColumns(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, gy: string): string {
  const [cin] = ctx.inShape;
  const [cout, Ho, Wo] = ctx.outShape;
  const [kh, kw] = geo.kernel;
  const cols = imageColumns(g, ctx, geo, x);
  const perImage = g.op('MatMul', [g.op('Reshape', [gy, g.constInt64([0, cout, Ho * Wo])]), g.op('Transpose', [cols], { perm: [0, 2, 1] })]);
  const sum = g.op('ReduceSum', [perImage, g.constInt64([0])], { keepdims: 0 });
  return g.op('Reshape', [sum, g.constInt64([cout, cin, kh, kw])]);
}
