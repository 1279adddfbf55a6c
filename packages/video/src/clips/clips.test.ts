import { describe, expect, it } from 'vitest';
import { frameRms } from '../metrics/frameDistances.js';
import { CLIP_KINDS, generateClip } from './generateClip.js';

/** Every demo clip: the asked shape, values in [0, 1], motion between frames, determinism by seed. */
describe('generated clips', () => {
  it('have the asked shape, stay in [0, 1], move, and repeat for a seed', async () => {
    for (const kind of CLIP_KINDS) {
      const clip = await generateClip(kind, { frames: 6, width: 32, height: 24, seed: 3 });
      expect([clip.channels, clip.frames, clip.height, clip.width], kind).toEqual([3, 6, 24, 32]);
      expect(clip.data.every((v) => v >= 0 && v <= 1), kind).toBe(true);
      expect(frameRms(clip, 0, clip, 5), kind).toBeGreaterThan(0.005);
      const again = await generateClip(kind, { frames: 6, width: 32, height: 24, seed: 3 });
      expect(again.data, kind).toEqual(clip.data);
    }
  });

  it('simulated clips differ between seeds (raindrops, sources and wind are random)', async () => {
    const a = await generateClip('ripples', { frames: 4, seed: 1 });
    const b = await generateClip('ripples', { frames: 4, seed: 2 });
    expect(frameRms(a, 0, b, 0)).toBeGreaterThan(0.01);
  });
});
