import { describe, expect, it } from 'vitest';
import { createImage } from './ImageTensor.js';
import {
  denormalise,
  denormaliseImage,
  fitStandardisation,
  normalise,
  normaliseImage,
  parseNormalisation,
  type Normalisation,
} from './Normalisation.js';

describe('Normalisation', () => {
  it('symmetric maps 0, 0.5, 1 to −1, 0, 1 and back', () => {
    const n: Normalisation = { kind: 'symmetric' };
    const x = new Float32Array([0, 0.5, 1]);
    expect(Array.from(normalise(n, x, 3))).toEqual([-1, 0, 1]);
    expect(Array.from(denormalise(n, normalise(n, x, 3), 3))).toEqual([0, 0.5, 1]);
  });

  it('standardise gives each channel mean 0 and std 1, per plane of a batch, and inverts', () => {
    const im = createImage(2, 2, 3);
    im.data.set([0, 0.2, 0.4, 0.6, 0.5, 0.5, 0.5, 0.9, 1, 1, 0, 0]);
    const n = fitStandardisation([im]);
    if (n.kind !== 'standardise') throw new Error('expected standardise');
    expect(n.mean[0]).toBeCloseTo(0.3, 6);
    expect(n.std[0]).toBeCloseTo(Math.sqrt(0.05), 6);
    const z = normaliseImage(n, im);
    for (let c = 0; c < 3; c++) {
      const plane = Array.from(z.subarray(4 * c, 4 * c + 4));
      const mean = plane.reduce((a, b) => a + b) / 4;
      const variance = plane.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 4);
    }
    // A batch of two copies normalises each copy the same way.
    const batch = new Float32Array(24);
    batch.set(im.data);
    batch.set(im.data, 12);
    const zb = normalise(n, batch, 4);
    expect(Array.from(zb.subarray(12))).toEqual(Array.from(z));
    const back = denormaliseImage(n, z, im);
    for (let i = 0; i < 12; i++) expect(back.data[i]).toBeCloseTo(im.data[i], 6);
  });

  it('denormaliseImage takes only the size from an image passed as the size, never its data', () => {
    const im = createImage(2, 1, 1);
    im.data.set([0.25, 0.75]);
    const back = denormaliseImage({ kind: 'symmetric' }, new Float32Array([-1, 1]), im);
    expect(Array.from(back.data)).toEqual([0, 1]);
    expect([back.width, back.height, back.channels]).toEqual([2, 1, 1]);
  });

  it('survives JSON and rejects malformed values', () => {
    const n = fitStandardisation([createImage(3, 3, 1)]);
    expect(parseNormalisation(JSON.parse(JSON.stringify(n)))).toEqual(n);
    expect(parseNormalisation({ kind: 'identity' })).toEqual({ kind: 'identity' });
    expect(() => parseNormalisation({ kind: 'standardise', mean: [0], std: [0] })).toThrow(/positive/);
    expect(() => parseNormalisation({ kind: 'zscore' })).toThrow('Unknown normalisation kind "zscore"');
  });
});
