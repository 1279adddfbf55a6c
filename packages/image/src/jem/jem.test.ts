import { describe, expect, it } from 'vitest';
import { Rng } from '@ebm/core';
import { auroc, expectedCalibrationError, softmaxRows } from './classifierMetrics.js';
import { evaluateJem } from './evaluateJem.js';
import { mnistImages, selectImages } from './LabelledImages.js';
import { sampleJemClass } from './sampleJemClass.js';
import { shiftImages } from './shiftImages.js';
import { trainJem } from './trainJem.js';
import { disposeJemModel } from './JemModel.js';

/**
 * JEM end to end on real digits, kept short: a narrow net trained for 60 seeded iterations on 1,000 of the training
 * digits (with SGLD and the replay buffer on) classifies the fixed held-out digits well above chance (10 %), and its
 * energy tells digits from uniform noise. Plus the metrics on cases a reader can check by hand.
 */

describe('JEM metrics', () => {
  it('AUROC: perfect, reversed, ties and a hand-counted case', () => {
    expect(auroc([3, 4, 5], [0, 1, 2])).toBe(1);
    expect(auroc([0, 1], [2, 3])).toBe(0);
    expect(auroc([1, 1], [1, 1])).toBe(0.5);
    // Pairs (p, n): (2,1) win, (2,3) loss, (4,1) win, (4,3) win → 3/4.
    expect(auroc([2, 4], [1, 3])).toBe(0.75);
  });

  it('ECE: calibrated bins give 0, an over-confident one its gap', () => {
    // 10 samples at confidence 0.8 in one bin, 8 right: calibrated.
    expect(expectedCalibrationError(new Array(10).fill(0.8), [1, 1, 1, 1, 1, 1, 1, 1, 0, 0])).toBeCloseTo(0, 12);
    // 4 at 0.95, 2 right: |0.5 − 0.95| = 0.45.
    expect(expectedCalibrationError([0.95, 0.95, 0.95, 0.95], [1, 0, 1, 0])).toBeCloseTo(0.45, 12);
  });

  it('softmax rows sum to one and keep the order of the logits', () => {
    const p = softmaxRows(new Float32Array([1, 2, 3, 1000, 0, -1000]), 3);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
    expect(p[2]).toBeGreaterThan(p[1]);
    expect(p[3]).toBeCloseTo(1, 6);
  });

  it('shifting moves the image and fills with the background', () => {
    const x = new Float32Array(9).fill(-1);
    x[4] = 1; // centre of a 3×3 image
    const rng = new Rng(3);
    let moved = 0;
    for (let t = 0; t < 20; t++) {
      const y = x.slice();
      shiftImages(y, [1, 3, 3], 1, rng);
      expect(y.filter((v) => v === 1).length).toBe(1);
      if (y[4] !== 1) moved++;
    }
    expect(moved).toBeGreaterThan(5);
  });
});

describe('JEM training', () => {
  it('a short seeded run classifies held-out digits well above chance and scores noise as unlikely', async () => {
    const { train, test } = mnistImages();
    const order = Array.from({ length: 1000 }, (_, i) => i);
    const m = await trainJem(selectImages(train, order), {
      iterations: 60,
      width: 8,
      data: 'mnist',
      threads: 1,
      jem: { batchSize: 32, learningRate: 3e-3, warmupIterations: 10, sgld: { steps: 5, stepSize: 1, noiseStd: 0.01, clamp: [-1, 1] }, replay: { capacity: 500, reinitProb: 0.05 }, seed: 7 },
    });
    try {
      expect(m.iteration).toBe(60);
      expect(m.replay.length).toBe(500 * 784);
      const held = selectImages(test, Array.from({ length: 500 }, (_, i) => i));
      const r = await evaluateJem(m.classifier, held, 1);
      console.log(`JEM after 60 iterations (1,000 digits, width 8): held-out accuracy ${(100 * r.accuracy).toFixed(1)} %, ECE ${r.ece.toFixed(3)}, AUROC noise ${r.ood_auroc_noise.toFixed(3)}, inverted ${r.ood_auroc_inverted.toFixed(3)}`);
      expect(r.count).toBe(500);
      // Chance is 10 %; 60 updates of a width-8 net reach about a third.
      expect(r.accuracy).toBeGreaterThan(0.25);
      expect(r.ece).toBeGreaterThanOrEqual(0);
      expect(r.ood_auroc_noise).toBeGreaterThan(0.5);
      // Class-conditional SGLD raises p(y = 3 | x) over the chains it started from (same seed, 0 steps).
      const meanP3 = async (steps: number) => {
        const x = await sampleJemClass(m, { classIndex: 3, count: 16, steps, seed: 2 });
        const p = softmaxRows((await m.classifier.logits(x)).logits, 10);
        return p.filter((_, i) => i % 10 === 3).reduce((s, v) => s + v, 0) / 16;
      };
      const [before, after] = [await meanP3(0), await meanP3(20)];
      console.log(`class-conditional SGLD: mean p(y = 3 | x) ${before.toFixed(3)} at the start, ${after.toFixed(3)} after 20 steps`);
      expect(after).toBeGreaterThan(before + 0.1);
    } finally {
      await disposeJemModel(m);
    }
  });

  it('the energy penalty keeps the logits\' scale down: |E(data)| after a fast run is smaller with α > 0 than without', async () => {
    const { train } = mnistImages();
    const few = selectImages(train, Array.from({ length: 300 }, (_, i) => i));
    const run = async (energyPenalty: number) => {
      let last = 0;
      const m = await trainJem(few, {
        iterations: 25,
        width: 4,
        data: 'mnist',
        threads: 1,
        jem: { batchSize: 16, learningRate: 1e-2, warmupIterations: 0, energyPenalty, sgld: { steps: 3, stepSize: 1, noiseStd: 0.01, clamp: [-1, 1] }, replay: { capacity: 64, reinitProb: 0.05 }, seed: 5 },
        onIteration: (e) => {
          last = e.dataEnergy;
        },
      });
      await disposeJemModel(m);
      return last;
    };
    const [free, penalised] = [await run(0), await run(0.5)];
    console.log(`mean E(data) after 25 fast iterations: ${free.toFixed(2)} without the penalty, ${penalised.toFixed(2)} with α = 0.5`);
    expect(Math.abs(penalised)).toBeLessThan(0.5 * Math.abs(free));
  });
});
