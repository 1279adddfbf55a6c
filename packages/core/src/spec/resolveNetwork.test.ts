import { describe, expect, it } from 'vitest';
import { resolveNetwork } from './resolveNetwork.js';
import { SpecError } from './SpecError.js';
import type { ConvSpec, NetworkSpec } from './NetworkSpec.js';
import { EnergyModel } from '../runtime/EnergyModel.js';

/** Bad specs give SpecErrors that name the layer, the offending value and the fix. */

function specError(spec: unknown, inShape?: number[]): SpecError {
  try {
    resolveNetwork(spec as NetworkSpec, inShape);
  } catch (e) {
    expect(e, `spec ${JSON.stringify(spec)} threw a non-SpecError: ${String(e)}`).toBeInstanceOf(SpecError);
    return e as SpecError;
  }
  throw new Error(`spec ${JSON.stringify(spec)} was accepted`);
}

interface BadCase {
  label: string;
  spec: unknown;
  /** Index of the offending layer (-1: the spec as a whole). */
  layer: number;
  /** Substrings the message must contain, in order: where, the value, the fix. */
  parts: string[];
}

const conv = (extra: Partial<Record<keyof ConvSpec, unknown>> = {}): ConvSpec => ({ type: 'conv2d', outChannels: 4, kernel: 3, ...extra }) as ConvSpec;

const CASES: BadCase[] = [
  {
    label: 'unknown layer type',
    spec: { input: [1, 8, 8], layers: [conv(), { type: 'maxpool' }] },
    layer: 1,
    parts: ['layer 1', 'unknown layer type "maxpool"', 'known types: conv2d, conv3d, linear, flatten, relu, leakyRelu, silu, elu, softplus, tanh'],
  },
  {
    label: 'layer without a type',
    spec: { input: [1, 8, 8], layers: [{ outChannels: 3 }] },
    layer: 0,
    parts: ['layer 0', 'unknown layer type', 'known types: conv2d'],
  },
  {
    label: 'kernel larger than its padded input',
    spec: { input: [3, 8, 8], layers: [conv({ stride: 2 }), { type: 'relu' }, conv({ kernel: 5, padding: 0 })] },
    layer: 2,
    parts: ['layer 2 (conv2d)', 'kernel 5 is larger than its padded input 3 along spatial axis 0', 'use a kernel of at most 3, more padding, or a larger input'],
  },
  {
    label: 'kernel larger than its padded input along one axis only (3D, per-axis)',
    spec: { input: [1, 4, 9, 2], layers: [{ type: 'conv3d', outChannels: 2, kernel: [3, 3, 5], padding: [0, 0, 1] }] },
    layer: 0,
    parts: ['layer 0 (conv3d)', 'kernel 5 is larger than its padded input 4 along spatial axis 2', 'at most 4'],
  },
  {
    label: 'inChannels mismatch on a conv',
    spec: { input: [3, 8, 8], layers: [conv({ padding: 1 }), { type: 'silu' }, conv({ inChannels: 3 })] },
    layer: 2,
    parts: ['layer 2 (conv2d)', 'inChannels 3 does not match the 4 channels it receives', 'set inChannels to 4'],
  },
  {
    label: 'inFeatures mismatch on a linear',
    spec: { input: [2, 3, 3], layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 5, inFeatures: 9 }] },
    layer: 1,
    parts: ['layer 1 (linear)', 'inFeatures 9 does not match the 18 features it receives', 'set inFeatures to 18'],
  },
  {
    label: 'zero input size',
    spec: { input: [3, 0, 8], layers: [conv()] },
    layer: -1,
    parts: ['input [3,0,8]', 'has size 0', 'every size must be a positive integer'],
  },
  {
    label: 'negative input channels',
    spec: { input: [-1, 8, 8], layers: [conv()] },
    layer: -1,
    parts: ['input [-1,8,8]', 'has size -1', 'positive integer'],
  },
  {
    label: 'fractional input size',
    spec: { input: [1, 7.5, 8], layers: [conv()] },
    layer: -1,
    parts: ['has size 7.5', 'positive integer'],
  },
  {
    label: 'input of rank 5',
    spec: { input: [1, 2, 3, 4, 5], layers: [conv()] },
    layer: -1,
    parts: ['input [1,2,3,4,5]', 'must be [C, H, W], [C, D, H, W] or [F]'],
  },
  {
    label: 'zero outChannels',
    spec: { input: [1, 8, 8], layers: [conv({ outChannels: 0 })] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'outChannels 0', 'must be a positive integer'],
  },
  {
    label: 'fractional outChannels on conv3d',
    spec: { input: [1, 4, 4, 4], layers: [{ type: 'conv3d', outChannels: 2.5, kernel: 1 }] },
    layer: 0,
    parts: ['layer 0 (conv3d)', 'outChannels 2.5', 'must be a positive integer'],
  },
  {
    label: 'zero outFeatures',
    spec: { input: [6], layers: [{ type: 'linear', outFeatures: 0 }] },
    layer: 0,
    parts: ['layer 0 (linear)', 'outFeatures 0', 'must be a positive integer'],
  },
  {
    label: 'zero kernel',
    spec: { input: [1, 8, 8], layers: [conv({ kernel: 0 })] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'kernel 0 along axis 0', 'must be positive'],
  },
  {
    label: 'negative kernel on the second axis',
    spec: { input: [1, 8, 8], layers: [conv({ kernel: [3, -2] })] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'kernel -2 along axis 1', 'must be positive'],
  },
  {
    label: 'zero stride',
    spec: { input: [1, 8, 8], layers: [{ type: 'relu' }, conv({ stride: 0 })] },
    layer: 1,
    parts: ['layer 1 (conv2d)', 'stride 0 along axis 0', 'must be positive'],
  },
  {
    label: 'negative stride on the depth axis of a conv3d',
    spec: { input: [1, 4, 4, 4], layers: [{ type: 'conv3d', outChannels: 2, kernel: 1, stride: [-1, 1, 1] }] },
    layer: 0,
    parts: ['layer 0 (conv3d)', 'stride -1 along axis 0', 'must be positive'],
  },
  {
    label: 'negative padding',
    spec: { input: [1, 8, 8], layers: [conv({ padding: [1, -1] })] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'padding -1 along axis 1', 'must be ≥ 0'],
  },
  {
    label: 'fractional stride',
    spec: { input: [1, 8, 8], layers: [conv({ stride: 1.5 })] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'stride 1.5', 'must be an integer or 2 integers'],
  },
  {
    label: 'kernel array of the wrong length',
    spec: { input: [1, 4, 4, 4], layers: [{ type: 'conv3d', outChannels: 2, kernel: [3, 3] }] },
    layer: 0,
    parts: ['layer 0 (conv3d)', 'kernel [3,3]', 'must be an integer or 3 integers'],
  },
  {
    label: 'linear without flatten',
    spec: { input: [3, 8, 8], layers: [conv(), { type: 'relu' }, { type: 'linear', outFeatures: 1 }] },
    layer: 2,
    parts: ['layer 2 (linear)', 'input has shape [4,6,6]', 'add { "type": "flatten" } before it'],
  },
  {
    label: 'conv2d on a 3D input',
    spec: { input: [1, 8, 8, 8], layers: [conv()] },
    layer: 0,
    parts: ['layer 0 (conv2d)', 'input has shape [1,8,8,8]', 'needs [C, H, W]', 'use conv3d here'],
  },
  {
    label: 'conv3d on a 2D input',
    spec: { input: [1, 8, 8], layers: [{ type: 'conv3d', outChannels: 2, kernel: 3 }] },
    layer: 0,
    parts: ['layer 0 (conv3d)', 'input has shape [1,8,8]', 'needs [C, D, H, W]', 'use conv2d here'],
  },
  {
    label: 'conv after flatten',
    spec: { input: [1, 8, 8], layers: [{ type: 'flatten' }, conv()] },
    layer: 1,
    parts: ['layer 1 (conv2d)', 'input has shape [64]', 'use a flat layer here'],
  },
  {
    label: 'bad readout',
    spec: { input: [1, 8, 8], readout: 'max', layers: [conv()] },
    layer: -1,
    parts: ['readout "max" is not known', 'use "sum" or "mean"'],
  },
  {
    label: 'zero referenceSigma',
    spec: { input: [1, 8, 8], referenceSigma: 0, layers: [conv()] },
    layer: -1,
    parts: ['referenceSigma 0', 'must be a positive number (or omitted for no reference term)'],
  },
  {
    label: 'negative referenceSigma',
    spec: { input: [1, 8, 8], referenceSigma: -0.5, layers: [conv()] },
    layer: -1,
    parts: ['referenceSigma -0.5', 'must be a positive number'],
  },
  {
    label: 'infinite referenceSigma',
    spec: { input: [1, 8, 8], referenceSigma: Infinity, layers: [conv()] },
    layer: -1,
    parts: ['referenceSigma Infinity', 'must be a positive number'],
  },
  {
    label: 'string referenceSigma',
    spec: { input: [1, 8, 8], referenceSigma: '1', layers: [conv()] },
    layer: -1,
    parts: ['referenceSigma 1', 'must be a positive number'],
  },
  {
    label: 'elu with α ≤ 0',
    spec: { input: [1, 8, 8], layers: [conv(), { type: 'elu', alpha: 0 }] },
    layer: 1,
    parts: ['layer 1 (elu)', 'alpha 0', 'must be > 0'],
  },
  {
    label: 'leakyRelu with a negative α',
    spec: { input: [1, 8, 8], layers: [conv(), { type: 'leakyRelu', alpha: -0.1 }] },
    layer: 1,
    parts: ['layer 1 (leakyRelu)', 'alpha -0.1', 'must be ≥ 0'],
  },
  {
    label: 'empty layers',
    spec: { input: [1, 8, 8], layers: [] },
    layer: -1,
    parts: ['non-empty "layers" array'],
  },
  {
    label: 'not an object',
    spec: null,
    layer: -1,
    parts: ['network spec must be an object'],
  },
];

describe('resolveNetwork: SpecError messages', () => {
  for (const c of CASES) {
    it(c.label, () => {
      const e = specError(c.spec);
      expect(e.name).toBe('SpecError');
      let at = 0;
      for (const part of c.parts) {
        const found = e.message.indexOf(part, at);
        expect(found, `message ${JSON.stringify(e.message)} should contain ${JSON.stringify(part)} (after position ${at})`).toBeGreaterThanOrEqual(0);
        at = found + part.length;
      }
      expect(e.layer, e.message).toBe(c.layer);
    });
  }

  it('checks a spec against another input shape too (fully convolutional reuse)', () => {
    const spec: NetworkSpec = { input: [1, 16, 16], layers: [conv({ kernel: 5, stride: 2 }), { type: 'relu' }, conv({ kernel: 5 })] };
    expect(resolveNetwork(spec).outShape).toEqual([4, 2, 2]);
    const e = specError(spec, [1, 12, 12]);
    expect(e.message).toContain('layer 2 (conv2d): kernel 5 is larger than its padded input 4 along spatial axis 0');
    expect(e.layer).toBe(2);
  });

  it('EnergyModel.create rejects a bad spec with the same SpecError', async () => {
    await expect(EnergyModel.create({ input: [3, 8, 8], layers: [conv({ inChannels: 1 })] } as NetworkSpec)).rejects.toThrow(
      /layer 0 \(conv2d\): inChannels 1 does not match the 3 channels it receives; set inChannels to 3/,
    );
    await expect(EnergyModel.create({ input: [3, 8, 8], layers: [conv({ inChannels: 1 })] } as NetworkSpec)).rejects.toBeInstanceOf(SpecError);
  });
});

describe('resolveNetwork: shapes and parameters of good specs', () => {
  it('infers conv output sizes ⌊(in + 2p − k)/s⌋ + 1 per axis, and the parameter list', () => {
    const net = resolveNetwork({
      input: [3, 9, 10, 11],
      layers: [
        { type: 'conv3d', outChannels: 4, inChannels: 3, kernel: [3, 4, 5], stride: [1, 2, 3], padding: [0, 1, 2] },
        { type: 'leakyRelu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 2, bias: false },
      ],
    });
    // depth (9 − 3)/1 + 1 = 7; height ⌊(10 + 2 − 4)/2⌋ + 1 = 5; width ⌊(11 + 4 − 5)/3⌋ + 1 = 4
    expect(net.layers.map((l) => l.outShape)).toEqual([[4, 7, 5, 4], [4, 7, 5, 4], [560], [2]]);
    expect(net.params.map((p) => [p.name, p.shape, p.fanIn])).toEqual([
      ['l0.weight', [4, 3, 3, 4, 5], 180],
      ['l0.bias', [4], 0],
      ['l3.weight', [2, 560], 560],
    ]);
    expect(net.paramCount).toBe(4 * 3 * 60 + 4 + 2 * 560);
  });

  it('accepts a kernel equal to the padded input, and readout / referenceSigma when valid', () => {
    const net = resolveNetwork({ input: [1, 3, 3], readout: 'mean', referenceSigma: 0.1, layers: [conv({ kernel: 5, padding: 1, bias: false })] });
    expect(net.outShape).toEqual([4, 1, 1]);
    expect(net.params.map((p) => p.name)).toEqual(['l0.weight']);
  });
});
