/**
 * The JSON form of an energy network: what a user writes, what a model file stores, what the graph
 * compiler reads. Plain data only, so `JSON.parse(JSON.stringify(spec))` is the same spec.
 *
 * Shapes follow PyTorch: the input is [C, ...spatial] per sample (2 spatial dims for images,
 * 3 for videos [C, T, H, W] and voxel grids [C, D, H, W]); conv weights are [Cout, Cin, ...kernel];
 * linear weights are [out, in].
 */
export interface NetworkSpec {
  /** Format marker for stored specs. */
  kind?: 'ebm-network';
  /** Per-sample input shape [C, ...spatial], 2 or 3 spatial dims (or [F] for a flat input). */
  input: number[];
  /** Layers applied in order. */
  layers: LayerSpec[];
  /**
   * How the last layer's output becomes a number: its sum (default) or its mean, E(x) = −readout; or 'logsumexp' for a
   * classifier read as an EBM (JEM): the last layer's flat output [K] are logits f(x), E(x) = −logsumexp_y f(x)[y],
   * and the graphs also output the logits.
   */
  readout?: Readout;
  /**
   * Reference Gaussian σ of Xie et al.: adds ‖x‖²/(2σ²) to E(x). Omitted: no reference term.
   */
  referenceSigma?: number;
}

/** The readouts a spec may name; see {@link NetworkSpec.readout}. */
export const READOUTS = ['sum', 'mean', 'logsumexp'] as const;

/** One of {@link READOUTS}. */
export type Readout = (typeof READOUTS)[number];

/** A convolution over 2 (conv2d) or 3 (conv3d) spatial dims; sizes per axis or one for all. */
export interface ConvSpec {
  type: 'conv2d' | 'conv3d';
  outChannels: number;
  /** Optional check: the input's channel count; a mismatch is a SpecError. */
  inChannels?: number;
  kernel: number | number[];
  stride?: number | number[];
  padding?: number | number[];
  /** Default true. */
  bias?: boolean;
}

/** A fully connected layer on a flat [F] input. */
export interface LinearSpec {
  type: 'linear';
  outFeatures: number;
  /** Optional check: the flat input's size; a mismatch is a SpecError. */
  inFeatures?: number;
  /** Default true. */
  bias?: boolean;
}

/** Flattens [C, ...spatial] to [C·∏spatial]. */
export interface FlattenSpec {
  type: 'flatten';
}

/** Pointwise activations. `alpha` is LeakyReLU's negative slope (default 0.2) or ELU's α (default 1). */
export interface ActivationSpec {
  type: 'relu' | 'leakyRelu' | 'silu' | 'elu' | 'softplus' | 'tanh';
  alpha?: number;
}

/** Any layer of a {@link NetworkSpec}. */
export type LayerSpec = ConvSpec | LinearSpec | FlattenSpec | ActivationSpec;

/** The layer types a spec may name. */
export const LAYER_TYPES = [
  'conv2d',
  'conv3d',
  'linear',
  'flatten',
  'relu',
  'leakyRelu',
  'silu',
  'elu',
  'softplus',
  'tanh',
] as const;

/** Name and shape of one learnable parameter, e.g. `{ name: 'l0.weight', shape: [64, 3, 5, 5] }`. */
export interface ParamInfo {
  name: string;
  shape: number[];
  /** Index of the layer that owns it. */
  layer: number;
  /** He initialisation fan-in (0 for biases). */
  fanIn: number;
}
