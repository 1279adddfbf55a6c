import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { cropImage } from '../io/cropImage.js';
import { normaliseImage } from '../io/Normalisation.js';
import { squareHole } from '../masks/squareHole.js';
import { generateTexture } from '../textures/generateTexture.js';
import { TrainingHoles } from '../masks/trainingHoles.js';
import { mixedChains } from './fillChains.js';

describe('mixedChains (conditional short-run learning)', () => {
  const image = generateTexture('brick', { size: 48, seed: 3 });
  const noise = { kind: 'gaussian', mean: 0.1, std: 0.1 } as const;

  it('starts a fill chain at its data window outside a hole and at harmonic interpolation plus noise inside, holding the outside', () => {
    const { data, step } = mixedChains([image], { noiseChains: 1, fillChains: 1, holes: new TrainingHoles(48, 48, 32, 32, [8, 8]) }, { kind: 'symmetric' }, noise, new Rng(2));
    const D = 3 * 32 * 32;
    expect(data.length).toBe(D);
    const start = step.start!;
    expect(start.length).toBe(2 * D);
    // The window is one of the image's 32×32 crops; find the hole as the 8×8 block where start and data differ.
    const fill = start.subarray(D);
    const differs: number[] = [];
    for (let p = 0; p < 32 * 32; p++) if (fill[p] !== data[p]) differs.push(p);
    expect(differs.length).toBe(64);
    const left = Math.min(...differs.map((p) => p % 32));
    const top = Math.min(...differs.map((p) => Math.floor(p / 32)));
    const hole = squareHole(32, 32, left, top, 8);
    differs.forEach((p) => expect(hole.data[p]).toBe(1));
    // Inside: harmonic interpolation of the window plus noise of std 0.1 (network units).
    const windowImage = { data: data.subarray(0, D).map((v) => (v + 1) / 2), channels: 3 as const, width: 32, height: 32 };
    const harmonic = normaliseImage({ kind: 'symmetric' }, harmonicInpaint(windowImage, hole));
    let sq = 0;
    for (let c = 0; c < 3; c++) for (const p of differs) sq += (fill[c * 1024 + p] - harmonic[c * 1024 + p]) ** 2;
    expect(Math.sqrt(sq / (3 * 64))).toBeGreaterThan(0.07);
    expect(Math.sqrt(sq / (3 * 64))).toBeLessThan(0.13);
    // The constraint puts the outside of the fill chain back and leaves the noise chain free.
    const x = start.slice();
    x.fill(5);
    for (const c of step.constraints!) (typeof c === 'function' ? c : c.apply.bind(c))(x);
    for (let i = 0; i < D; i++) expect(x[i]).toBe(5);
    for (let i = 0; i < D; i++) expect(x[D + i]).toBe(hole.data[i % 1024] ? 5 : data[i]);
  });

  it('without fill chains gives one random window of the image as the data and noise starts', () => {
    const { data, step } = mixedChains([image], { noiseChains: 2, fillChains: 0, holes: new TrainingHoles(48, 48, 32, 32, [8, 8]) }, { kind: 'symmetric' }, noise, new Rng(5));
    expect(step.start!.length).toBe(2 * data.length);
    let found = false;
    for (let y = 0; y <= 16 && !found; y++) {
      for (let x = 0; x <= 16 && !found; x++) {
        const w = normaliseImage({ kind: 'symmetric' }, cropImage(image, x, y, 32, 32));
        found = w.every((v, i) => v === data[i]);
      }
    }
    expect(found).toBe(true);
  });
});
