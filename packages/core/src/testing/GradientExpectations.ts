import { expect } from 'vitest';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { checkGradients, type GradientCheckResult } from './gradientCheck.js';

/** A failure message: the spec, the seed, the worst error and the first mismatching entries with both values. */
export function formatGradientFailure(label: string, spec: NetworkSpec, batch: number, seed: number, r: GradientCheckResult): string {
  const first = r.mismatches
    .slice(0, 8)
    .map((m) => `  ${m.what}[${m.index}]: engine ${m.engine.toPrecision(8)} vs finite difference ${m.reference.toPrecision(8)}`)
    .join('\n');
  return (
    `${label}: batch ${batch}, seed ${seed}, maxScaledError ${r.maxScaledError.toFixed(3)}, ` +
    `${r.mismatches.length} of ${r.checked} entries over tolerance\nspec ${JSON.stringify(spec)}\n${first}`
  );
}

/**
 * The layer tests' assertion: engine gradients match float64 finite differences on `samples` coordinates.
 * Keeps the largest scaled error and the number of specs checked, for the suite's closing report.
 */
export class GradientExpectations {
  worst = 0;
  count = 0;

  constructor(private readonly samples: number) {}

  async expectMatch(label: string, spec: NetworkSpec, batch: number, seed: number, samples = this.samples): Promise<GradientCheckResult> {
    const r = await checkGradients(spec, batch, seed, samples);
    this.worst = Math.max(this.worst, r.maxScaledError);
    this.count++;
    const msg = formatGradientFailure(label, spec, batch, seed, r);
    expect(r.checked, msg).toBeGreaterThan(batch);
    expect(r.mismatches, msg).toEqual([]);
    expect(r.maxScaledError, msg).toBeLessThanOrEqual(1);
    return r;
  }
}
