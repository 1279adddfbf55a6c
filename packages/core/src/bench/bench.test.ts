import { describe, expect, it } from 'vitest';
import { layerMacs, measureFlops } from './benchFlops.js';
import { gemmRate } from './gemmRate.js';
import { profileNetwork } from './profileBench.js';
import { profileOneDnnNetwork } from './profileOneDnn.js';
import { formatProfile } from './formatProfile.js';
import { BENCH_NETS } from '../spec/presets.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** conv 2→4 k3 s2 p1 on 9×9 (5×5 out) → leakyRelu → flatten → linear 100→3. */
const SMALL: NetworkSpec = {
  input: [2, 9, 9],
  layers: [
    { type: 'conv2d', outChannels: 4, kernel: 3, stride: 2, padding: 1 },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'flatten' },
    { type: 'linear', outFeatures: 3 },
  ],
};

describe('benchmark FLOP counts', () => {
  it('counts multiply-adds per layer from the spec', () => {
    // conv: 4·2·3·3 per position × 25 positions; linear: 3·100
    expect(layerMacs(SMALL)).toEqual([4 * 2 * 9 * 25, 0, 0, 300]);
  });

  it('counts each measure as it runs: Langevin fwd + dx of all, update fwd + dW of all + dx past the first', () => {
    const total = 1800 + 300;
    expect(measureFlops(SMALL, 5, 'langevin_step')).toBe(2 * 5 * 2 * total);
    expect(measureFlops(SMALL, 5, 'param_update')).toBe(2 * 10 * (2 * total + 300));
  });

  it('matches the hand count of the video net (2.30 GFLOP forward per batch of 4)', () => {
    const { spec, batch } = BENCH_NETS.video;
    const forward = 2 * batch * (32 * 16 * 32 * 32 * 3 * 75 + 64 * 8 * 16 * 16 * 32 * 27 + 128 * 4 * 8 * 8 * 64 * 27);
    expect(measureFlops(spec, batch, 'langevin_step')).toBe(2 * forward);
    expect(forward / 1e9).toBeCloseTo(2.3, 2);
  });
});

describe('profile and GEMM rate', () => {
  it('attributes every node time to a layer scope, an op and a node', async () => {
    const [langevin, update] = await profileNetwork(SMALL, 3, { threads: 1, reps: 3, warmup: 1 });
    expect(langevin.measure).toBe('langevin_step');
    expect(update.measure).toBe('param_update');
    for (const p of [langevin, update]) {
      expect(p.runs).toBe(3);
      const layers = p.byLayer.map((e) => e.name);
      expect(layers.some((n) => n.startsWith('L0.conv2d.fwd'))).toBe(true);
      expect(layers).toContain('L0.conv2d.bwd');
      const sum = (es: { ms: number }[]) => es.reduce((a, e) => a + e.ms, 0);
      // Rounded to 0.01 ms per entry.
      expect(Math.abs(sum(p.byLayer) - p.nodeMs)).toBeLessThanOrEqual(0.01 * p.byLayer.length);
      expect(Math.abs(sum(p.byOp) - p.nodeMs)).toBeLessThanOrEqual(0.01 * p.byOp.length);
      expect(p.byOp.every((e) => e.ms >= 0)).toBe(true);
    }
    // The parameter graph has the linear layer's backward (in the Langevin graph onnxruntime folds it: its
    // weights and ∂E/∂y are constants there).
    expect(update.byLayer.map((e) => e.name)).toContain('L3.linear.bwd');
    expect(update.byOp.map((e) => e.name)).toContain('Gemm');
    const text = formatProfile('small', [langevin, update]);
    expect(text).toContain('small param_update');
    expect(text).toContain('L0.conv2d.bwd');
  });

  it('times every oneDNN primitive of a run by layer (activations fused into their conv) and by what ran', async () => {
    const [langevin, update] = await profileOneDnnNetwork(SMALL, 3, { threads: 1, reps: 3, warmup: 1 });
    for (const p of [langevin, update]) {
      expect(p.runs).toBe(3);
      const layers = p.byLayer.map((e) => e.name);
      expect(layers).toContain('L0.conv2d+L1.leakyRelu.fwd');
      expect(layers).toContain('L3.linear.fwd');
      const sum = (es: { ms: number }[]) => es.reduce((a, e) => a + e.ms, 0);
      expect(Math.abs(sum(p.byLayer) - p.nodeMs)).toBeLessThanOrEqual(0.01 * p.byLayer.length);
      expect(Math.abs(sum(p.byOp) - p.nodeMs)).toBeLessThanOrEqual(0.01 * p.byOp.length);
      // The parts are inside the run's wall time.
      expect(p.nodeMs).toBeLessThanOrEqual(p.runMs + 0.01 * p.byLayer.length);
      expect(p.byOp.map((e) => e.name)).toEqual(expect.arrayContaining(['forward', 'input gradient']));
    }
    // Only the update computes weight gradients; the Langevin step's first conv computes dE/dx, the update's does not.
    expect(update.byOp.map((e) => e.name)).toContain('weight gradient');
    expect(langevin.byOp.map((e) => e.name)).not.toContain('weight gradient');
    const firstInputGradient = (p: typeof langevin) => p.topNodes.some((e) => e.name.startsWith('L0.conv2d+L1.leakyRelu.bwd input gradient'));
    expect(firstInputGradient(langevin)).toBe(true);
    expect(firstInputGradient(update)).toBe(false);
    expect(formatProfile('small', [langevin, update])).toContain('L0.conv2d+L1.leakyRelu.bwd');
  });

  it('measures a GEMM rate', async () => {
    const rate = await gemmRate({ threads: 1, m: 64, k: 64, n: 64, reps: 3, warmup: 1 });
    expect(Number.isFinite(rate)).toBe(true);
    expect(rate).toBeGreaterThan(0);
  });
});
