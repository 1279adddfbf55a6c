import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { ConvBackward, ConvForward, ConvGeometry } from './convGeometry.js';
import type { LayerContext } from './LayerRule.js';

/**
 * A conv3d as one conv2d over depth slabs ("stacked 2D"). Output depth od reads input depths
 * sd·od − pd + t, t < kd; gathering those kd slices of every od, tap-major, gives the slabs
 * [N·Do, kd·Cin, H, W], and the conv3d is the conv2d of the slabs with the kernel W [Cout, Cin, kd, kh, kw]
 * rearranged to [Cout, kd·Cin, kh, kw]. onnxruntime runs 3D Conv with a generic N-d im2col; its 2D Conv
 * reaches MLAS's im2col-free paths (NCHWc kernels when the weights are constants). The slabs hold kd/sd
 * times the input and are gathered once per graph (forward and weight gradient share them).
 */
export function conv3dForwardAsStacked2d(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string, conv2d: ConvForward): string {
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const y = conv2d(g, stackedContext(g, ctx, geo), planeGeometry(geo), depthSlabs(g, ctx, geo, x));
  // [N·Do, Cout, Ho, Wo] → [N, Cout, Do, Ho, Wo]
  return g.op('Transpose', [g.op('Reshape', [y, g.constInt64([-1, Do, cout, Ho, Wo])])], { perm: [0, 2, 1, 3, 4] });
}

/** How {@link conv3dBackwardAsStacked2d} gets dE/dx: 2D transposed convs per slab then a depth fold, or per depth phase. */
export type StackedInputGradient = 'slabFold' | 'depthPhases';

/**
 * The backward of {@link conv3dForwardAsStacked2d}, built on a 2D backward. dE/dW: the 2D rule `conv2d` on (slabs, gy as
 * [N·Do, Cout, Ho, Wo]), rearranged back to [Cout, Cin, kd, kh, kw]. dE/dx by `inputGradient`:
 * - 'slabFold': the 2D rule's dE/d(slabs) [N·Do, kd·Cin, H, W], each slab's kd slices added back into depth
 *   sd·od + t − pd (a fold of ⌈kd/sd⌉ shifted adds);
 * - 'depthPhases': {@link conv3dInputGradientByDepthPhases}, the depth taps summed inside the GEMMs instead.
 */
export const conv3dBackwardAsStacked2d = (conv2d: ConvBackward, inputGradient: StackedInputGradient): ConvBackward => (g, ctx, geo, x, gy, want) => {
  const [cin, D, H, W] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const [kd, kh, kw] = geo.kernel;
  const [sd] = geo.stride;
  const [pd] = geo.padding;
  const fold = want.input && inputGradient === 'slabFold';
  let gx: string | undefined;
  let gw: string | undefined;
  if (want.params || fold) {
    const gy2 = g.op('Reshape', [depthMajor(g, gy), g.constInt64([-1, cout, Ho, Wo])]);
    const slabs = want.params ? depthSlabs(g, ctx, geo, x) : '';
    const r = conv2d(g, stackedContext(g, ctx, geo), planeGeometry(geo), slabs, gy2, { input: fold, params: want.params });
    if (r.gw) gw = g.op('Transpose', [g.op('Reshape', [r.gw, g.constInt64([cout, kd, cin, kh, kw])])], { perm: [0, 2, 1, 3, 4] });
    if (r.gx) gx = foldDepth(g, r.gx, { cin, D, H, W, Do, kd, sd, pd });
  }
  if (want.input && !fold) gx = conv3dInputGradientByDepthPhases(g, ctx, geo, gy, conv2d);
  return { gx, gw };
};

/**
 * dE/dx of a conv3d by depth phases, with 2D transposed convs whose GEMMs also sum over the depth taps. Padded
 * input depth p = d + pd = sd·q + r (phase r) receives tap t = r + j·sd of output depth od = q − j, j < J_r =
 * ⌈(kd − r)/sd⌉. So for each phase the output-gradient slices q − j, stacked j-major as channels
 * [N·Q, J_r·Cout, Ho, Wo], go through one 2D transposed conv with the kernel taps W[:, :, r + j·sd] stacked
 * the same way, giving the phase's depths [N·Q, Cin, H, W]; the phases interleave along depth. No fold: the
 * slabs' way adds kd partial results per depth after the Col2Im, here they are one GEMM's reduction.
 * Costs Q·J_r slab rows for Do·J_r useful ones ({@link depthPhaseWaste}).
 */
export function conv3dInputGradientByDepthPhases(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, gy: string, conv2d: ConvBackward): string {
  const [cin, D, H, W] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  const [kd, kh, kw] = geo.kernel;
  const [sd] = geo.stride;
  const [pd] = geo.padding;
  const { q0, Q, taps } = depthPhasePlan(D, kd, sd, pd);
  // gy depth-major [N, Do, Cout, Ho, Wo], zero-padded so that every od = q − j for q0 ≤ q ≤ q1, j < J is a row.
  const front = Math.max(0, taps[0] - 1 - q0);
  const back = Math.max(0, q0 + Q - Do);
  let gyd = depthMajor(g, gy);
  if (front > 0 || back > 0) gyd = g.op('Pad', [gyd, g.constInt64([0, front, 0, 0, 0, 0, back, 0, 0, 0])], { mode: 'constant' });
  const phases: string[] = [];
  for (let r = 0; r < sd; r++) {
    const J = taps[r];
    if (J === 0) {
      // kd < sd: depths of this phase are no tap's.
      const zeros = g.op('Expand', [g.constFloat([0], [1]), g.constInt64([1, 1, 1, cin * H * W])]);
      const batch = g.op('Slice', [g.op('Shape', [gy]), g.constInt64([0]), g.constInt64([1])]);
      phases.push(g.op('Expand', [zeros, g.op('Concat', [batch, g.constInt64([Q, 1, cin * H * W])], { axis: 0 })]));
      continue;
    }
    // Rows q − j (padded), q-major: [N, Q·J, Cout, Ho, Wo] is [N·Q, J·Cout, Ho, Wo].
    const idx = Array.from({ length: Q * J }, (_, i) => q0 + Math.floor(i / J) - (i % J) + front);
    const stacked = g.op('Reshape', [g.op('Gather', [gyd, g.constInt64(idx)], { axis: 1 }), g.constInt64([-1, J * cout, Ho, Wo])]);
    // W[:, :, r::sd] [Cout, Cin, J, kh, kw] → [J·Cout, Cin, kh, kw], j-major like the stacked channels.
    let w = g.op('Slice', [ctx.params[0], g.constInt64([r]), g.constInt64([r + (J - 1) * sd + 1]), g.constInt64([2]), g.constInt64([sd])]);
    w = g.op('Reshape', [g.op('Transpose', [w], { perm: [2, 0, 1, 3, 4] }), g.constInt64([J * cout, cin, kh, kw])]);
    const ctx2: LayerContext = { index: ctx.index, batch: ctx.batch * Q, inShape: [cin, H, W], outShape: [J * cout, Ho, Wo], params: [w] };
    const { gx } = conv2d(g, ctx2, planeGeometry(geo), '', stacked, { input: true, params: false });
    phases.push(g.op('Reshape', [gx!, g.constInt64([-1, Q, 1, cin * H * W])]));
  }
  // [N, Q, sd, Cin·H·W] covers padded depths sd·q0 … sd·(q0 + Q) − 1; crop to [pd, pd + D).
  let gx = sd > 1 ? g.op('Concat', phases, { axis: 2 }) : phases[0];
  gx = g.op('Reshape', [gx, g.constInt64([-1, Q * sd, cin, H, W])]);
  const first = pd - sd * q0;
  if (first > 0 || Q * sd > D + first) gx = g.op('Slice', [gx, g.constInt64([first]), g.constInt64([first + D]), g.constInt64([1])]);
  return g.op('Transpose', [gx], { perm: [0, 2, 1, 3, 4] });
}

/** Rows of {@link conv3dInputGradientByDepthPhases}: first phase row q0, rows per phase Q, taps per phase J_r. */
function depthPhasePlan(D: number, kd: number, sd: number, pd: number): { q0: number; Q: number; taps: number[] } {
  const q0 = Math.floor(pd / sd);
  const Q = Math.floor((pd + D - 1) / sd) - q0 + 1;
  const taps = Array.from({ length: sd }, (_, r) => Math.max(0, Math.ceil((kd - r) / sd)));
  return { q0, Q, taps };
}

/** Slab rows {@link conv3dInputGradientByDepthPhases} multiplies per useful one: Σ_r Q·J_r / (Do·kd) ≥ 1. */
export function depthPhaseWaste(ctx: LayerContext, geo: ConvGeometry): number {
  const [, D] = ctx.inShape;
  const [, Do] = ctx.outShape;
  const { Q, taps } = depthPhasePlan(D, geo.kernel[0], geo.stride[0], geo.padding[0]);
  return (Q * taps.reduce((a, b) => a + b, 0)) / (Do * geo.kernel[0]);
}

/** t [N, C, D, H, W] as [N, D, C, H, W], once per graph. */
export function depthMajor(g: GraphBuilder, t: string): string {
  return g.shared(`depthMajor:${t}`, () => g.op('Transpose', [t], { perm: [0, 2, 1, 3, 4] }));
}

/** The conv2d of the slabs: batch N·Do, input [kd·Cin, H, W], output [Cout, Ho, Wo], the stacked weight and the bias. */
function stackedContext(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry): LayerContext {
  const [cin, , H, W] = ctx.inShape;
  const [cout, Do, Ho, Wo] = ctx.outShape;
  return {
    index: ctx.index,
    batch: ctx.batch * Do,
    inShape: [geo.kernel[0] * cin, H, W],
    outShape: [cout, Ho, Wo],
    params: [stackedWeight(g, ctx, geo), ...ctx.params.slice(1)],
  };
}

/** The (H, W) part of a 3D geometry. */
export function planeGeometry(geo: ConvGeometry): ConvGeometry {
  return { kernel: geo.kernel.slice(1), stride: geo.stride.slice(1), padding: geo.padding.slice(1) };
}

/** W [Cout, Cin, kd, kh, kw] as the 2D kernel [Cout, kd·Cin, kh, kw] of the slabs (tap-major channels). */
function stackedWeight(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry): string {
  const w = ctx.params[0];
  return g.shared(`stackedWeight:${w}`, () => {
    const [cout, cin] = [ctx.outShape[0], ctx.inShape[0]];
    const [kd, kh, kw] = geo.kernel;
    return g.op('Reshape', [g.op('Transpose', [w], { perm: [0, 2, 1, 3, 4] }), g.constInt64([cout, kd * cin, kh, kw])]);
  });
}

/**
 * The depth slabs [N·Do, kd·Cin, H, W] of x [N, Cin, D, H, W]: slab (n, od) holds input depths
 * sd·od − pd + t for t < kd (zero outside), tap-major. x goes depth-major once ([N, D, Cin, H, W]),
 * is zero-padded along depth, and one Gather takes depths sd·od + t (measured as fast as kd strided Slices and a
 * Concat, in one op).
 */
export function depthSlabs(g: GraphBuilder, ctx: LayerContext, geo: ConvGeometry, x: string): string {
  return g.shared(`depthSlabs:${x}:${geo.kernel[0]}:${geo.stride[0]}:${geo.padding[0]}`, () => {
    const [cin, D, H, W] = ctx.inShape;
    const Do = ctx.outShape[1];
    const [kd] = geo.kernel;
    const [sd] = geo.stride;
    const [pd] = geo.padding;
    let xd = g.op('Transpose', [x], { perm: [0, 2, 1, 3, 4] });
    const need = sd * (Do - 1) + kd; // padded depth the taps reach
    const padEnd = Math.max(0, need - D - pd);
    if (pd > 0 || padEnd > 0) xd = g.op('Pad', [xd, g.constInt64([0, pd, 0, 0, 0, 0, padEnd, 0, 0, 0])], { mode: 'constant' });
    // One Gather of padded depths sd·od + t, od-major: [N, Do·kd, Cin, H, W] is [N·Do, kd·Cin, H, W].
    const idx = Array.from({ length: Do * kd }, (_, i) => sd * Math.floor(i / kd) + (i % kd));
    return g.op('Reshape', [g.op('Gather', [xd, g.constInt64(idx)], { axis: 1 }), g.constInt64([-1, kd * cin, H, W])]);
  });
}

/** Sizes of {@link foldDepth}. */
interface FoldSizes {
  cin: number;
  D: number;
  H: number;
  W: number;
  Do: number;
  kd: number;
  sd: number;
  pd: number;
}

/**
 * dE/dx [N, Cin, D, H, W] from dE/d(slabs) [N·Do, kd·Cin, H, W]: slab (od, t) adds into padded depth sd·od + t.
 * Taps t = j·sd + r (padded to J = ⌈kd/sd⌉ groups of sd): group j of every od lands on padded depths
 * sd·(od + j) + r, so J shifted adds of [N, Do, sd, Cin·H·W] give [N, Do + J − 1, sd, Cin·H·W], i.e. padded
 * depths 0 … sd·(Do + J − 1) − 1, cropped to [pd, pd + D).
 */
function foldDepth(g: GraphBuilder, gs: string, s: FoldSizes): string {
  const { cin, D, H, W, Do, kd, sd, pd } = s;
  const chw = cin * H * W;
  const J = Math.ceil(kd / sd);
  let y = g.op('Reshape', [gs, g.constInt64([-1, Do, kd, chw])]);
  if (J * sd > kd) y = g.op('Pad', [y, g.constInt64([0, 0, 0, 0, 0, 0, J * sd - kd, 0])], { mode: 'constant' });
  let z: string | undefined;
  if (J === 1) z = y;
  else {
    y = g.op('Reshape', [y, g.constInt64([-1, Do, J, sd * chw])]);
    for (let j = 0; j < J; j++) {
      let part = g.op('Slice', [y, g.constInt64([j]), g.constInt64([j + 1]), g.constInt64([2])]);
      part = g.op('Pad', [part, g.constInt64([0, j, 0, 0, 0, J - 1 - j, 0, 0])], { mode: 'constant' });
      z = z ? g.op('Add', [z, part]) : part;
    }
  }
  const depth = (Do + J - 1) * sd;
  let gx = g.op('Reshape', [z!, g.constInt64([-1, depth, cin, H, W])]);
  if (depth < pd + D) gx = g.op('Pad', [gx, g.constInt64([0, 0, 0, 0, 0, 0, pd + D - depth, 0, 0, 0])], { mode: 'constant' });
  if (pd > 0 || depth > pd + D) gx = g.op('Slice', [gx, g.constInt64([pd]), g.constInt64([pd + D]), g.constInt64([1])]);
  return g.op('Transpose', [gx], { perm: [0, 2, 1, 3, 4] });
}
