import type { FlattenSpec } from '../spec/NetworkSpec.js';
import type { LayerRule } from './LayerRule.js';

/** Flatten: [N, C, ...spatial] → [N, C·∏spatial]; backward reshapes back. No parameters. */
export const flatten: LayerRule<FlattenSpec> = {
  resolve(_spec, inShape) {
    return { outShape: [inShape.reduce((a, b) => a * b, 1)], params: [] };
  },
  forward(g, _spec, ctx, x) {
    return g.op('Reshape', [x, g.constInt64([0, ...ctx.outShape])]);
  },
  backward(g, _spec, ctx, _x, _y, gy, want) {
    return { gx: want.input ? g.op('Reshape', [gy, g.constInt64([0, ...ctx.inShape])]) : undefined, paramGrads: [] };
  },
  reference(_spec, _ctx, x) {
    return x.slice();
  },
};
