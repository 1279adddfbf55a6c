import { describe, expect, it } from 'vitest';
import { Rng } from './Rng.js';

describe('Rng', () => {
  it('fillNormal gives exactly the stream of repeated normal() calls, a restored Box-Muller spare included', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    // A state saved by the earlier Box-Muller generator may hold a spare; it is drawn first.
    const saved = { ...a.state(), spare: 0.25 };
    const [a2, b2] = [Rng.fromState(saved), Rng.fromState(saved)];
    expect(a2.normal()).toBe(0.25);
    expect(b2.fillNormal(new Float64Array(1))[0]).toBe(0.25);
    a.normal();
    b.normal();
    const n = 10_001;
    const one = new Float64Array(n);
    for (let i = 0; i < n; i++) one[i] = a.normal();
    const bulk = new Float64Array(n);
    b.fillNormal(bulk.subarray(0, 5)); // odd lengths leave and use spares
    b.fillNormal(bulk.subarray(5, 5));
    b.fillNormal(bulk.subarray(5));
    for (let i = 0; i < n; i++) if (one[i] !== bulk[i]) expect.fail(`draw ${i}: normal() ${one[i]} vs fillNormal ${bulk[i]}`);
    expect(a.state()).toEqual(b.state());
  });

  it('normal draws have mean 0 and variance 1 within 4 standard errors; state round-trips', () => {
    const r = new Rng(3);
    const x = r.fillNormal(new Float64Array(200_000));
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let v2 = 0;
    for (const v of x) v2 += (v - m) ** 2;
    v2 /= x.length - 1;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(x.length));
    expect(Math.abs(v2 - 1)).toBeLessThan(4 * Math.sqrt(2 / x.length));
    const copy = Rng.fromState(r.state());
    expect(copy.nextUint32()).toBe(r.nextUint32());
    expect(copy.normal()).toBe(r.normal());
  });

  it('normal draws follow N(0, 1) in the body, the wedges and the tail beyond the base layer (chi-square over 60 bins)', () => {
    const r = new Rng(11);
    const n = 2_000_000;
    const x = r.fillNormal(new Float64Array(n));
    // Bins of equal width 0.125 on [−3.5, 3.5] plus two tails: the tail bins are the ziggurat's exponential
    // path (|z| > R = 3.44), the others mix rectangles and wedges.
    const edges = [-Infinity, ...Array.from({ length: 57 }, (_, k) => -3.5 + 0.125 * k), Infinity];
    const counts = new Float64Array(edges.length - 1);
    for (const v of x) {
      const k = v < -3.5 ? 0 : v >= 3.5 ? counts.length - 1 : 1 + Math.floor((v + 3.5) / 0.125);
      counts[k]++;
    }
    let chi2 = 0;
    for (let k = 0; k < counts.length; k++) {
      const p = normalCdf(edges[k + 1]) - normalCdf(edges[k]);
      chi2 += (counts[k] - n * p) ** 2 / (n * p);
    }
    // 57 degrees of freedom: mean 57, sd 10.7; 100 is beyond the 0.999 quantile (about 95).
    expect(chi2).toBeLessThan(100);
    // Beyond ±4: P = 6.33e-5, so about 127 draws (sd 11).
    let far = 0;
    for (const v of x) if (Math.abs(v) > 4) far++;
    expect(Math.abs(far - n * 6.334e-5)).toBeLessThan(5 * Math.sqrt(n * 6.334e-5));
  });

  it('a negative control: the same chi-square rejects draws scaled by 1.01', () => {
    const r = new Rng(11);
    const n = 2_000_000;
    const x = r.fillNormal(new Float64Array(n), 0, 1.01);
    const counts = new Float64Array(58);
    for (const v of x) counts[v < -3.5 ? 0 : v >= 3.5 ? 57 : 1 + Math.floor((v + 3.5) / 0.125)]++;
    let chi2 = 0;
    for (let k = 0; k < 58; k++) {
      const lo = k === 0 ? -Infinity : -3.5 + 0.125 * (k - 1);
      const hi = k === 57 ? Infinity : -3.5 + 0.125 * k;
      const p = normalCdf(hi) - normalCdf(lo);
      chi2 += (counts[k] - n * p) ** 2 / (n * p);
    }
    expect(chi2).toBeGreaterThan(100);
  });
});

/** Φ(z) by the complementary error function (Numerical Recipes' erfc, relative error < 1.2e-7). */
function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const t = 1 / (1 + 0.5 * (Math.abs(z) / Math.SQRT2));
  const a = Math.abs(z) / Math.SQRT2;
  const erfc =
    t *
    Math.exp(
      -a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
