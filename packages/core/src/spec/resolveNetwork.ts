import { LAYER_RULES } from '../layers/registry.js';
import type { LayerRule } from '../layers/LayerRule.js';
import { LAYER_TYPES, READOUTS, type LayerSpec, type NetworkSpec, type ParamInfo } from './NetworkSpec.js';
import { SpecError } from './SpecError.js';

/** One layer with its shapes worked out. */
export interface ResolvedLayer {
  index: number;
  spec: LayerSpec;
  rule: LayerRule;
  inShape: number[];
  outShape: number[];
  params: ParamInfo[];
}

/** A validated spec for one per-sample input shape: layer shapes and the parameter list. */
export interface ResolvedNetwork {
  spec: NetworkSpec;
  /** Per-sample input shape [C, ...spatial]. */
  inShape: number[];
  layers: ResolvedLayer[];
  /** All parameters in order; their sizes add up to {@link ResolvedNetwork.paramCount}. */
  params: ParamInfo[];
  paramCount: number;
  /** Per-sample output shape of the last layer. */
  outShape: number[];
}

/**
 * Validates a spec and infers every layer's shapes, for the spec's own input shape or for `inShape`
 * (a fully convolutional net runs on other spatial sizes, e.g. synthesis larger than training).
 * Throws {@link SpecError} naming the layer, the value and the fix.
 */
export function resolveNetwork(spec: NetworkSpec, inShape: number[] = spec?.input): ResolvedNetwork {
  if (typeof spec !== 'object' || spec === null) throw new SpecError('network spec must be an object with "input" and "layers"');
  if (!Array.isArray(inShape) || inShape.length < 1 || inShape.length > 4) {
    throw new SpecError(`input ${JSON.stringify(inShape)} must be [C, H, W], [C, D, H, W] or [F]`);
  }
  for (const d of inShape) {
    if (!Number.isInteger(d) || d <= 0) {
      throw new SpecError(`input [${inShape}] has size ${d}; every size must be a positive integer`);
    }
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) {
    throw new SpecError('network spec needs a non-empty "layers" array');
  }
  if (spec.readout !== undefined && !(READOUTS as readonly unknown[]).includes(spec.readout)) {
    throw new SpecError(`readout ${JSON.stringify(spec.readout)} is not known; use "sum" or "mean" (an energy network), or "logsumexp" (a classifier's logits)`);
  }
  if (spec.referenceSigma !== undefined && !(Number.isFinite(spec.referenceSigma) && spec.referenceSigma > 0)) {
    throw new SpecError(`referenceSigma ${spec.referenceSigma} must be a positive number (or omitted for no reference term)`);
  }
  const layers: ResolvedLayer[] = [];
  const params: ParamInfo[] = [];
  let shape = inShape.slice();
  let paramCount = 0;
  spec.layers.forEach((ls, index) => {
    const type = (ls as { type?: unknown })?.type;
    if (!(LAYER_TYPES as readonly unknown[]).includes(type)) {
      throw new SpecError(`layer ${index}: unknown layer type ${JSON.stringify(type)}; known types: ${LAYER_TYPES.join(', ')}`, index);
    }
    const rule = LAYER_RULES[ls.type];
    const { outShape, params: decls } = rule.resolve(ls, shape, index);
    const infos = decls.map((d) => ({ name: `l${index}.${d.suffix}`, shape: d.shape, layer: index, fanIn: d.fanIn }));
    for (const p of infos) paramCount += p.shape.reduce((a, b) => a * b, 1);
    params.push(...infos);
    layers.push({ index, spec: ls, rule, inShape: shape, outShape, params: infos });
    shape = outShape;
  });
  if (spec.readout === 'logsumexp' && shape.length !== 1) {
    throw new SpecError(
      `readout "logsumexp" reads K logits, but the last layer gives shape [${shape}]; end with { "type": "flatten" } and a linear layer with outFeatures K`,
    );
  }
  return { spec, inShape: inShape.slice(), layers, params, paramCount, outShape: shape };
}

/** Number of elements of a shape. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
