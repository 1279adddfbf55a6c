import { describe, expect, it } from 'vitest';
import { checkGradients, type GradientCheckResult } from '../testing/gradientCheck.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

/** The linear rule (Gemm forward, MatMul/Gemm backward) against central finite differences of the float64 reference. */

const SAMPLES = 150;
let worst = 0;

function formatFailure(label: string, spec: NetworkSpec, batch: number, seed: number, r: GradientCheckResult): string {
  const first = r.mismatches
    .slice(0, 8)
    .map((m) => `  ${m.what}[${m.index}]: engine ${m.engine.toPrecision(8)} vs finite difference ${m.reference.toPrecision(8)}`)
    .join('\n');
  return (
    `${label}: batch ${batch}, seed ${seed}, maxScaledError ${r.maxScaledError.toFixed(3)}, ` +
    `${r.mismatches.length} of ${r.checked} entries over tolerance\nspec ${JSON.stringify(spec)}\n${first}`
  );
}

async function expectGradientsMatch(label: string, spec: NetworkSpec, batch: number, seed: number): Promise<void> {
  const r = await checkGradients(spec, batch, seed, SAMPLES);
  worst = Math.max(worst, r.maxScaledError);
  const msg = formatFailure(label, spec, batch, seed, r);
  expect(r.checked, msg).toBeGreaterThan(batch);
  expect(r.mismatches, msg).toEqual([]);
  expect(r.maxScaledError, msg).toBeLessThanOrEqual(1);
}

const CASES: { label: string; spec: NetworkSpec; batch: number }[] = [
  { label: 'linear on a flat input, one output', spec: { input: [7], layers: [{ type: 'linear', outFeatures: 1 }] }, batch: 3 },
  {
    label: 'linear → tanh → linear (no bias) on a flat input',
    spec: { input: [5], layers: [{ type: 'linear', outFeatures: 4, inFeatures: 5 }, { type: 'tanh' }, { type: 'linear', outFeatures: 3, bias: false }, { type: 'softplus' }] },
    batch: 2,
  },
  {
    label: 'conv2d → relu → flatten → linear(1), the voxel-net tail in 2D',
    spec: {
      input: [2, 7, 7],
      layers: [{ type: 'conv2d', outChannels: 3, kernel: 3, stride: 2 }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', outFeatures: 1 }],
    },
    batch: 3,
  },
  {
    label: 'conv3d → silu → flatten → linear(4, no bias) → elu, mean readout',
    spec: {
      input: [1, 3, 5, 5],
      readout: 'mean',
      layers: [
        { type: 'conv3d', outChannels: 2, kernel: [2, 3, 3], stride: [1, 2, 2], padding: [0, 1, 1] },
        { type: 'silu' },
        { type: 'flatten' },
        { type: 'linear', outFeatures: 4, bias: false },
        { type: 'elu', alpha: 0.7 },
      ],
    },
    batch: 2,
  },
  {
    label: 'two linears after flatten, with the reference Gaussian',
    spec: {
      input: [2, 3, 3],
      referenceSigma: 1.5,
      layers: [{ type: 'flatten' }, { type: 'linear', outFeatures: 6, inFeatures: 18 }, { type: 'leakyRelu', alpha: 0.1 }, { type: 'linear', outFeatures: 2 }],
    },
    batch: 3,
  },
  { label: 'linear, batch 1', spec: { input: [4], layers: [{ type: 'linear', outFeatures: 2 }, { type: 'tanh' }] }, batch: 1 },
];

describe('linear rule vs float64 finite differences', () => {
  CASES.forEach((c, i) => {
    it(c.label, async () => {
      await expectGradientsMatch(c.label, c.spec, c.batch, 200 + i);
    });
  });

  it('reports the largest scaled error', () => {
    console.log(`linear: largest scaled error ${worst.toFixed(4)}`);
    expect(worst).toBeGreaterThan(0);
  });
});
