import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvBackward, ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';

/**
 * Whether a conv has one output position (along every axis the kernel covers the padded input but for a
 * remainder smaller than the stride): it is then a linear layer over the window the kernel sees, e.g. the
 * voxel net's 6³ kernel on a 6³ input, or shortrun32's last 4×4 conv.
 */
export function hasSinglePosition(ctx: LayerContext): boolean {
  return ctx.outShape.slice(1).every((o) => o === 1);
}

/**
 * Forward of a single-position conv as one Gemm: the window [N, Cin·∏k] (x zero-padded, rows past the kernel
 * dropped) times W [Cout, Cin·∏k]ᵀ plus the bias, reshaped to [N, Cout, 1, …]. onnxruntime's 3D Conv runs a
 * generic N-d im2col even for this.
 */
export function convForwardAsGemm(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  const [w, bias] = ctx.params;
  const y = g.op('Gemm', [kernelWindow(g, ctx, geo, x), flatWeight(g, ctx), ...(bias ? [bias] : [])], { transB: 1 });
  return g.op('Reshape', [y, g.constInt64([-1, ...ctx.outShape])]);
}

/**
 * Backward of {@link convForwardAsGemm} (no bias): dE/dx = gy [N, Cout] · W, put back from the window into x's
 * shape; dE/dW = gyᵀ · window.
 */
export const convBackwardAsGemm: ConvBackward = (g, ctx, geo, x, gy, want) => {
  const cout = ctx.outShape[0];
  const gy2 = g.op('Reshape', [gy, g.constInt64([-1, cout])]);
  let gw: string | undefined;
  if (want.params) {
    gw = g.op('Reshape', [g.op('Gemm', [gy2, kernelWindow(g, ctx, geo, x)], { transA: 1 }), g.constInt64([cout, ctx.inShape[0], ...geo.kernel])]);
  }
  let gx: string | undefined;
  if (want.input) {
    const rank = geo.kernel.length;
    const axes = Array.from({ length: rank }, (_, a) => a + 2);
    const inSp = ctx.inShape.slice(1);
    // Window coordinate u reads x row u − p: rows [0, min(in, k − p)) get gradient, the rest (past the kernel) 0.
    const used = geo.kernel.map((k, a) => Math.min(inSp[a], k - geo.padding[a]));
    gx = g.op('Reshape', [g.op('MatMul', [gy2, flatWeight(g, ctx)]), g.constInt64([-1, ctx.inShape[0], ...geo.kernel])]);
    if (geo.padding.some((p) => p > 0) || used.some((u, a) => u < geo.kernel[a])) {
      gx = g.op('Slice', [gx, g.constInt64(geo.padding), g.constInt64(used.map((u, a) => u + geo.padding[a])), g.constInt64(axes)]);
    }
    if (used.some((u, a) => u < inSp[a])) {
      const tail = used.map((u, a) => inSp[a] - u);
      gx = g.op('Pad', [gx, g.constInt64([0, 0, ...axes.map(() => 0), 0, 0, ...tail])], { mode: 'constant' });
    }
  }
  return { gx, gw };
};

/** W [Cout, Cin, …k] as [Cout, Cin·∏k]. */
function flatWeight(g: GraphBuilder, ctx: LayerContext): string {
  return g.op('Reshape', [ctx.params[0], g.constInt64([ctx.outShape[0], -1])]);
}

/** The window the single output reads, [N, Cin·∏k]: x zero-padded by p before, cut or zero-filled to k. */
function kernelWindow(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  return g.shared(`kernelWindow:${x}:${geo.kernel}:${geo.padding}`, () => {
    const rank = geo.kernel.length;
    const inSp = ctx.inShape.slice(1);
    const padEnd = geo.kernel.map((k, a) => Math.max(0, k - geo.padding[a] - inSp[a]));
    let win = x;
    if (geo.padding.some((p) => p > 0) || padEnd.some((p) => p > 0)) {
      win = g.op('Pad', [win, g.constInt64([0, 0, ...geo.padding, 0, 0, ...padEnd])], { mode: 'constant' });
    }
    if (geo.kernel.some((k, a) => k < inSp[a] + geo.padding[a] + padEnd[a])) {
      const axes = Array.from({ length: rank }, (_, a) => a + 2);
      win = g.op('Slice', [win, g.constInt64(axes.map(() => 0)), g.constInt64(geo.kernel), g.constInt64(axes)]);
    }
    return g.op('Reshape', [win, g.constInt64([-1, ctx.inShape[0] * geo.kernel.reduce((a, b) => a * b, 1)])]);
  });
}
