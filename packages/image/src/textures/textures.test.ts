import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImage } from '../io/readImage.js';
import { generateTexture, TEXTURE_KINDS } from './generateTexture.js';
import { fractalNoise, valueNoise } from './latticeNoise.js';
import { writeTexturePngs } from './writeTexturePngs.js';

function std(values: Float32Array): number {
  let s = 0;
  let s2 = 0;
  for (const v of values) {
    s += v;
    s2 += v * v;
  }
  const m = s / values.length;
  return Math.sqrt(s2 / values.length - m * m);
}

describe('procedural textures', () => {
  it('offers brick, marble, weave and cloud', () => {
    expect(TEXTURE_KINDS).toEqual(['brick', 'marble', 'weave', 'cloud']);
  });

  for (const kind of TEXTURE_KINDS) {
    it(`${kind}: RGB in [0, 1], textured, same for a seed, different for another`, () => {
      const a = generateTexture(kind, { size: { width: 96, height: 64 }, seed: 1 });
      expect([a.channels, a.width, a.height, a.data.length]).toEqual([3, 96, 64, 3 * 96 * 64]);
      expect(Math.min(...a.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...a.data)).toBeLessThanOrEqual(1);
      expect(std(a.data.subarray(0, 96 * 64))).toBeGreaterThan(0.04);
      expect(Array.from(generateTexture(kind, { size: { width: 96, height: 64 }, seed: 1 }).data)).toEqual(Array.from(a.data));
      const b = generateTexture(kind, { size: { width: 96, height: 64 }, seed: 2 });
      let diff = 0;
      for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i] - b.data[i]);
      expect(diff / a.data.length).toBeGreaterThan(0.01);
    });
  }

  it('a larger texture extends the smaller one (one infinite pattern per seed)', () => {
    const small = generateTexture('marble', { size: 32, seed: 5 });
    const large = generateTexture('marble', { size: 64, seed: 5 });
    expect(large.data[10 * 64 + 20]).toBe(small.data[10 * 32 + 20]);
  });

  it('value noise interpolates lattice values and fractal noise stays in [0, 1)', () => {
    expect(valueNoise(3, 4, 9)).toBe(valueNoise(3, 4, 9));
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < 2000; i++) {
      const v = fractalNoise(i * 0.37, i * 0.11, 2);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(hi - lo).toBeGreaterThan(0.3);
  });

  it('writeTexturePngs writes one PNG per kind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ebm-image-textures-'));
    try {
      const paths = await writeTexturePngs(dir, { size: 40, seed: 3, kinds: ['brick', 'weave'] });
      expect(paths).toEqual([join(dir, 'brick.png'), join(dir, 'weave.png')]);
      expect((await readdir(dir)).sort()).toEqual(['brick.png', 'weave.png']);
      const back = await readImage(paths[0]);
      expect([back.channels, back.width, back.height]).toEqual([3, 40, 40]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
