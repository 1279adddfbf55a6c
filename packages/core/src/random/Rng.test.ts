import { describe, expect, it } from 'vitest';
import { Rng } from './Rng.js';

describe('Rng', () => {
  it('fillNormal gives exactly the stream of repeated normal() calls, spare included', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    a.normal();
    b.normal(); // both now hold a spare
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
});
