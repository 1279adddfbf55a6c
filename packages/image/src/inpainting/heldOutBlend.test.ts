import { Rng } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { createImage } from '../io/ImageTensor.js';
import { countMissing } from '../masks/Mask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import { blendMissing, blendWeight, holdOutPixels, unionMask } from './heldOutBlend.js';

describe('held-out blending of a recovery with a reference', () => {
  it('holds out exactly round(fraction · observed) observed pixels, never a missing one', () => {
    const mask = randomPixelMask(40, 30, 0.5, 1);
    const held = holdOutPixels(mask, 0.1, new Rng(4));
    expect(countMissing(held)).toBe(Math.round(0.1 * (1200 - countMissing(mask))));
    for (let p = 0; p < held.data.length; p++) if (held.data[p]) expect(mask.data[p]).toBe(0);
    expect(countMissing(unionMask(mask, held))).toBe(countMissing(mask) + countMissing(held));
  });

  it('finds the least-squares weight of two estimates with independent errors, and the blend beats both', () => {
    // Truth x, reference x + e₁ (σ = 0.1), recovery x + e₂ (σ = 0.05): the best weight of the recovery is
    // σ₁² / (σ₁² + σ₂²) = 0.8, and the blend's error √(σ₁²σ₂²/(σ₁² + σ₂²)) ≈ 0.045 is below both.
    const rng = new Rng(9);
    const truth = createImage(64, 64, 3);
    const reference = createImage(64, 64, 3);
    const recovered = createImage(64, 64, 3);
    for (let i = 0; i < truth.data.length; i++) {
      truth.data[i] = rng.uniform();
      reference.data[i] = truth.data[i] + 0.1 * rng.normal();
      recovered.data[i] = truth.data[i] + 0.05 * rng.normal();
    }
    const mask = randomPixelMask(64, 64, 0.5, 2);
    const held = holdOutPixels(mask, 0.1, new Rng(3));
    const w = blendWeight(recovered, reference, truth, held);
    expect(w).toBeGreaterThan(0.7);
    expect(w).toBeLessThan(0.9);
    const blend = blendMissing(truth, recovered, reference, mask, w);
    expect(maskedRmse(blend, truth, mask)).toBeLessThan(0.95 * maskedRmse(recovered, truth, mask));
    // Observed pixels keep their values exactly.
    for (let i = 0; i < truth.data.length; i++) if (!mask.data[i % 4096]) expect(blend.data[i]).toBe(truth.data[i]);
    // A recovery worse than the reference in every pixel gets weight 0, one equal to the truth weight 1.
    expect(blendWeight(reference, truth, truth, held)).toBe(0);
    expect(blendWeight(truth, reference, truth, held)).toBe(1);
  });
});
