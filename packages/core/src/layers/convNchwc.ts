import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';

/** onnxruntime's domain of its blocked-layout (NCHWc) CPU kernels. */
export const NCHWC_DOMAIN = 'com.microsoft.nchwc';

/**
 * A conv2d forward on onnxruntime's NCHWc kernels with weights that are graph inputs. onnxruntime rewrites a Conv
 * to these kernels only when its weights are constants (it reorders them once); here the graph does the reorder
 * itself on every run (a Reshape and Transpose of the small weight tensor): x [N, C, H, W] goes blocked
 * (ReorderInput, C a multiple of 4; with C below the block size the kernel reads NCHW directly), W [O, C, kh, kw]
 * becomes OIHWBiBo (OIHWBo for NCHW input), zero-padded to whole blocks, and the output is reordered back.
 * `block` is MLAS's NCHWc block size on this machine (16 with AVX-512, 8 with AVX2).
 */
export function convForwardNchwc(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, block: number): string {
  const [c] = ctx.inShape;
  const [o] = ctx.outShape;
  const [kh, kw] = geo.kernel;
  const [w, bias] = ctx.params;
  const blocked = c >= block;
  const cp = blocked ? Math.ceil(c / block) * block : c;
  const op = Math.ceil(o / block) * block;
  let wp = w;
  if (op > o || cp > c) wp = g.op('Pad', [w, g.constInt64([0, 0, 0, 0, op - o, cp - c, 0, 0])], { mode: 'constant' });
  let wb: string;
  if (blocked) {
    // [O/B, Bo, C/B, Bi, kh, kw] → [O/B, C/B, kh, kw, Bi, Bo] as two moves of one axis each, which onnxruntime
    // does with block copies: [O/B, Bo, C/B·Bi·kh·kw] → [O/B, C/B·Bi·kh·kw, Bo], then per (O/B, C/B) block
    // [Bi, kh·kw] → [kh·kw, Bi]. Its generic Transpose of the 6D permutation took 7.0 ms of the shortrun32
    // update's last layer, these 3.9 ms.
    const boLast = g.op('Transpose', [g.op('Reshape', [wp, g.constInt64([op / block, block, -1])])], { perm: [0, 2, 1] });
    wb = g.op('Transpose', [g.op('Reshape', [boLast, g.constInt64([(op / block) * (cp / block), block, kh * kw, block])])], { perm: [0, 2, 1, 3] });
  } else {
    // [O/B, Bo, C·kh·kw] → [O/B, C·kh·kw, Bo]
    wb = g.op('Transpose', [g.op('Reshape', [wp, g.constInt64([op / block, block, -1])])], { perm: [0, 2, 1] });
  }
  const inputs = [blocked ? g.op('ReorderInput', [x], {}, undefined, NCHWC_DOMAIN) : x, g.op('Reshape', [wb, g.constInt64([op, cp, kh, kw])])];
  if (bias) inputs.push(op > o ? g.op('Pad', [bias, g.constInt64([0, op - o])], { mode: 'constant' }) : bias);
  const y = g.op('Conv', inputs, { kernel_shape: geo.kernel, strides: geo.stride, pads: [...geo.padding, ...geo.padding] }, undefined, NCHWC_DOMAIN);
  return g.op('ReorderOutput', [y], { channels: o }, undefined, NCHWC_DOMAIN);
}
