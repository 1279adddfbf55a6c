import { describe, expect, it } from 'vitest';
import { exportedSamplerSettings, FALLBACK_EXPORT_SAMPLER } from './exportedSampler.js';
import { DEFAULT_NOISE } from '../chains/noiseChains.js';

/** `ebm sample` and the browser viewer read an exported model's sampler metadata through this one function. */
describe('exportedSamplerSettings', () => {
  it('keeps a stored Langevin or SGLD sampler with its options and chain noise', () => {
    const init = { kind: 'gaussian', std: 0.5 } as const;
    const s = exportedSamplerSettings({ name: 'sgld', options: { steps: 30, stepSize: 2, noiseStd: 0.01, init } });
    expect(s).toEqual({ name: 'sgld', options: { steps: 30, stepSize: 2, noiseStd: 0.01, init }, init });
    const l = exportedSamplerSettings({ name: 'langevin', options: { stepSize: 0.3, sigma: 1 } });
    expect(l.options).toEqual({ stepSize: 0.3, sigma: 1, steps: FALLBACK_EXPORT_SAMPLER.options.steps });
    expect(l.init).toEqual(DEFAULT_NOISE);
  });

  it('falls back to Langevin, 100 steps, δ 0.01, uniform noise when nothing usable is stored', () => {
    for (const stored of [undefined, { name: 'hmc', options: { steps: 5 } }, { name: 'langevin' }, 'junk']) {
      expect(exportedSamplerSettings(stored)).toEqual({ name: 'langevin', options: { steps: 100, stepSize: 0.01 }, init: DEFAULT_NOISE });
    }
  });
});
