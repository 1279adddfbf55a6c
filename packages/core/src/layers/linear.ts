import { SpecError } from '../spec/SpecError.js';
import type { LinearSpec } from '../spec/NetworkSpec.js';
import type { LayerRule } from './LayerRule.js';

/**
 * Fully connected layer: y = x Wᵀ + b with x [N, in], W [out, in], b [out].
 * Backward: dE/dx = gy W; dE/dW = gyᵀ x; dE/db = Σₙ gy.
 */
export const linear: LayerRule<LinearSpec> = {
  resolve(spec, inShape, index) {
    if (inShape.length !== 1) {
      throw new SpecError(
        `layer ${index} (linear): input has shape [${inShape}] but linear needs a flat input; add { "type": "flatten" } before it`,
        index,
      );
    }
    if (!Number.isInteger(spec.outFeatures) || spec.outFeatures <= 0) {
      throw new SpecError(`layer ${index} (linear): outFeatures ${spec.outFeatures} must be a positive integer`, index);
    }
    if (spec.inFeatures !== undefined && spec.inFeatures !== inShape[0]) {
      throw new SpecError(
        `layer ${index} (linear): inFeatures ${spec.inFeatures} does not match the ${inShape[0]} features it receives; ` +
          `set inFeatures to ${inShape[0]} or change the layers before it`,
        index,
      );
    }
    const params = [{ suffix: 'weight', shape: [spec.outFeatures, inShape[0]], fanIn: inShape[0] }];
    if (spec.bias !== false) params.push({ suffix: 'bias', shape: [spec.outFeatures], fanIn: 0 });
    return { outShape: [spec.outFeatures], params };
  },

  forward(g, _spec, ctx, x) {
    return g.op('Gemm', [x, ...ctx.params], { transB: 1 });
  },

  backward(g, _spec, ctx, x, _y, gy, want) {
    const gx = want.input ? g.op('MatMul', [gy, ctx.params[0]]) : undefined;
    const paramGrads: string[] = [];
    if (want.params) {
      paramGrads.push(g.op('Gemm', [gy, x], { transA: 1 }));
      if (ctx.params.length > 1) paramGrads.push(g.op('ReduceSum', [gy, g.constInt64([0])], { keepdims: 0 }));
    }
    return { gx, paramGrads };
  },

  reference(_spec, ctx, x, [w, b]) {
    const fin = ctx.inShape[0];
    const fout = ctx.outShape[0];
    const y = new Float64Array(ctx.batch * fout);
    for (let n = 0; n < ctx.batch; n++)
      for (let o = 0; o < fout; o++) {
        let acc = b ? b[o] : 0;
        for (let i = 0; i < fin; i++) acc += x[n * fin + i] * w[o * fin + i];
        y[n * fout + o] = acc;
      }
    return y;
  },
};
