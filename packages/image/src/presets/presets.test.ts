import { resolveNetwork } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { createPreset, isPresetName, PRESET_NAMES, presets } from './presets.js';
import { objectPreset, OBJECT_DEFAULTS } from './objectPreset.js';
import { texturePreset, TEXTURE_DEFAULTS } from './texturePreset.js';

describe('texture preset', () => {
  it('has the documented defaults and takes overrides, undefined keeping a default', () => {
    const p = texturePreset({ size: 128, steps: undefined });
    expect(p.size).toBe(128);
    // Langevin in SGLD form: gradient coefficient δ²/2, noise δ·√T (T = 1 until fitted).
    expect(p.sampler).toEqual({ name: 'sgld', options: { steps: 30, stepSize: 0.5 * 0.03 * 0.03, noiseStd: 0.03, clamp: [-1, 1], gradClip: 100 } });
    expect(p.training).toMatchObject({ iterations: 300, learningRate: 0.002, init: 'noise', chains: 1, fillChains: 1, holeSides: [16, 64] });
    expect(p.normalisation).toEqual({ kind: 'symmetric' });
    expect(p.noise).toEqual({ kind: 'gaussian', mean: 0, std: 0.1 });
    expect(TEXTURE_DEFAULTS.smoothness).toBe('fit');
    expect(p.options.size).toBe(128);
  });

  it('is fully convolutional: the same parameters at 64×64 and 200×120', () => {
    const spec = texturePreset().network(3, 64, 64);
    expect(spec.referenceSigma).toBe(0.1);
    const a = resolveNetwork(spec);
    const b = resolveNetwork(spec, [3, 120, 200]);
    expect(b.paramCount).toBe(a.paramCount);
    expect(a.paramCount).toBe(3 * 32 * 25 + 32 + 32 * 64 * 9 + 64 + 64 * 64 * 9 + 64);
    // firstStride 1: the same parameters, twice the feature-map side after the first layer.
    const fine = resolveNetwork(texturePreset({ firstStride: 1 }).network(3, 64, 64));
    expect(fine.paramCount).toBe(a.paramCount);
    expect(fine.layers[0].outShape).toEqual([32, 64, 64]);
    expect(a.layers[0].outShape).toEqual([32, 32, 32]);
  });

  it('fits λ to the data and derives δ = min(0.03, √(1/(8λ + 1/σ²)))', () => {
    // A checkerboard of ±a in network units: every neighbour difference is 2a, so λ = 0.4549 / (2·4a²).
    const im = createImage(8, 8, 1);
    for (let p = 0; p < 64; p++) im.data[p] = ((p % 8) + Math.floor(p / 8)) % 2 ? 0.55 : 0.45; // a = 0.1
    const fitted = texturePreset().fit([im]);
    const lambda = 0.4549 / (2 * 4 * 0.01);
    expect(fitted.smoothness).toBeCloseTo(lambda, 2);
    expect(fitted.options.smoothness).toBeCloseTo(lambda, 2);
    const delta = Math.min(0.03, Math.sqrt(1 / (8 * lambda + 100)));
    expect(fitted.sampler.options.stepSize).toBeCloseTo(0.5 * delta * delta, 9);
    expect(fitted.sampler.options.noiseStd).toBeCloseTo(delta, 6);
    const stiff = texturePreset({ smoothness: 1000 });
    expect(stiff.sampler.options.noiseStd).toBeCloseTo(Math.sqrt(1 / 8100), 6);
    expect(texturePreset({ smoothness: 5 }).fit([im]).smoothness).toBe(5);
  });

  it('samples a texture smoother than the λ cap allows at T = λ_cap / λ_data, so its neighbour differences keep the data\'s variance', () => {
    // Neighbour differences of ±0.002 in network units: λ_data = 0.4549 / (2·0.002²) ≈ 56 900, far above the cap 200.
    const im = createImage(8, 8, 1);
    for (let p = 0; p < 64; p++) im.data[p] = ((p % 8) + Math.floor(p / 8)) % 2 ? 0.501 : 0.5;
    const lambdaData = 0.4549 / (2 * 0.002 * 0.002);
    const fitted = texturePreset().fit([im]);
    expect(fitted.smoothness).toBe(200);
    expect(fitted.options.temperature).toBeCloseTo(200 / lambdaData, 5);
    const delta = Math.sqrt(1 / (8 * 200 + 100));
    // The reference field at temperature T: Var(d) = T / (2·200) = 1 / (2·λ_data), the data's.
    expect(fitted.sampler.options.noiseStd).toBeCloseTo(delta * Math.sqrt(200 / lambdaData), 6);
    expect(fitted.sampler.options.stepSize).toBeCloseTo(0.5 * delta * delta, 9);
    // A texture within the cap keeps T = 1.
    expect(texturePreset({ maxSmoothness: 1e6 }).fit([im]).options.temperature).toBe(1);
  });
});

describe('object preset', () => {
  it('is one energy per 32×32 image with SGLD and a replay buffer', () => {
    const p = objectPreset();
    const net = resolveNetwork(p.network(3, 32, 32));
    expect(net.outShape).toEqual([1, 1, 1]);
    expect(p.sampler).toEqual({ name: 'sgld', options: { steps: 20, stepSize: 1, noiseStd: 0.01, clamp: [-1, 1] } });
    expect(p.training).toMatchObject({ init: 'replay', chains: 16, batchSize: 16, replay: { capacity: 500, reinitProb: 0.05 }, beta1: 0 });
    expect(p.anySize).toBe(false);
    expect([OBJECT_DEFAULTS.iterations, OBJECT_DEFAULTS.filters, OBJECT_DEFAULTS.learningRate]).toEqual([500, 16, 1e-3]);
    expect(() => objectPreset({ size: 16 })).toThrow('object preset size 16 is below 32 pixels (pass --size 32 or more)');
  });
});

describe('preset registry', () => {
  it('builds by name, ignores options of the other preset, and names the presets for an unknown one', () => {
    expect(PRESET_NAMES).toEqual(['texture', 'object']);
    expect(isPresetName('object')).toBe(true);
    expect(isPresetName('toString')).toBe(false);
    expect(createPreset('object', { size: 48, referenceSigma: 3 }).size).toBe(48);
    expect(createPreset('texture', { bufferSize: 3, steps: 7 }).sampler.options.steps).toBe(7);
    expect(presets.texture().name).toBe('texture');
    expect(() => createPreset('faces')).toThrow("unknown preset 'faces' (one of texture, object)");
  });
});
