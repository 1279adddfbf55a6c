import { describe, expect, it } from 'vitest';
import { EnergyModel } from '../runtime/EnergyModel.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';
import { addSmoothReference, smoothReferenceStiffness, withSmoothReference, type AxisPrecision, type SmoothReference } from './smoothReference.js';
import { SmoothReferenceEnergy } from './SmoothReferenceEnergy.js';

/** Strides of a row-major shape. */
function strides(shape: readonly number[]): number[] {
  const s = shape.map(() => 1);
  for (let a = shape.length - 2; a >= 0; a--) s[a] = s[a + 1] * shape[a + 1];
  return s;
}

/**
 * E_s of one sample [C, ...spatial] in float64, written from the definition and independent of the implementation:
 * every position, every axis, ½·dᵀPd for the pair with the next position and ½·κ·(second difference)² per channel.
 */
function definitionEnergy(v: Float64Array, r: SmoothReference, shape: readonly number[]): number {
  const [C, ...spatial] = shape;
  const st = strides(spatial);
  const S = spatial.reduce((a, b) => a * b, 1);
  let sum = 0;
  for (let p = 0; p < S; p++) {
    const coord = spatial.map((n, a) => Math.floor(p / st[a]) % n);
    spatial.forEach((n, a) => {
      if (coord[a] + 1 < n) {
        const d = Array.from({ length: C }, (_, c) => v[c * S + p + st[a]] - v[c * S + p]);
        const P: AxisPrecision = r.axes[a];
        for (let i = 0; i < C; i++) {
          for (let j = 0; j < C; j++) {
            const pij = typeof P === 'number' ? (i === j ? P : 0) : P[i * C + j];
            sum += 0.5 * d[i] * pij * d[j];
          }
        }
      }
      const k = r.curvature?.[a] ?? 0;
      if (k && coord[a] > 0 && coord[a] + 1 < n) {
        for (let c = 0; c < C; c++) sum += 0.5 * k * (v[c * S + p - st[a]] - 2 * v[c * S + p] + v[c * S + p + st[a]]) ** 2;
      }
    });
  }
  return sum;
}

const fresh = (n: number, length: number): { energy: Float32Array; grad: Float32Array } => ({ energy: new Float32Array(n), grad: new Float32Array(length) });

/** Compares the implementation's E and ∂E/∂x on two samples with the float64 definition (central differences). */
function checkAgainstDefinition(r: SmoothReference, shape: readonly number[]): number {
  const D = shape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: 2 * D }, (_, i) => Math.sin(i * 1.37) * 0.8 + 0.1 * Math.cos(i * 0.21));
  const out = addSmoothReference(x, fresh(2, x.length), r, shape);
  let worst = 0;
  for (let n = 0; n < 2; n++) {
    const v = Float64Array.from(x.subarray(n * D, (n + 1) * D));
    const e = definitionEnergy(v, r, shape);
    expect(Math.abs(out.energy[n] - e), `sample ${n}: energy ${out.energy[n]} vs definition ${e}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(e)));
    const h = 1e-3;
    for (let i = 0; i < D; i++) {
      const up = v.slice();
      const down = v.slice();
      up[i] += h;
      down[i] -= h;
      const fd = (definitionEnergy(up, r, shape) - definitionEnergy(down, r, shape)) / (2 * h);
      const g = out.grad[n * D + i];
      const err = Math.abs(fd - g) / Math.max(1, Math.abs(fd));
      expect(err, `sample ${n} entry ${i}: gradient ${g} vs central difference ${fd}`).toBeLessThan(1e-4);
      worst = Math.max(worst, err);
    }
  }
  return worst;
}

const P3 = [2, 0.5, -0.3, 0.5, 1.5, 0.2, -0.3, 0.2, 3]; // symmetric positive definite, couples the channels

describe('addSmoothReference (Gaussian MRF reference on [N, C, ...spatial])', () => {
  it("the image form (one λ on both axes) matches the float64 definition and its central differences", () => {
    checkAgainstDefinition({ axes: [2.5, 2.5] }, [3, 4, 5]);
  });

  it('the image form with a C×C channel-coupling matrix on both axes matches the definition', () => {
    checkAgainstDefinition({ axes: [P3, P3] }, [3, 4, 5]);
  });

  it("the video form (λ_t along time, λ_s within frames, a temporal curvature) matches the definition", () => {
    checkAgainstDefinition({ axes: [3, 5, 5], curvature: [2, 0, 0] }, [2, 5, 3, 4]);
  });

  it('mixed forms (a matrix on one axis, a curvature on every axis, one spatial axis or three) match the definition', () => {
    checkAgainstDefinition({ axes: [1.5, P3, 0.7], curvature: [0.5, 1, 2] }, [3, 3, 4, 5]);
    checkAgainstDefinition({ axes: [4], curvature: [3] }, [1, 9]);
  });

  it('a wrong gradient would be caught: the check fails on a sign-flipped gradient', () => {
    const shape = [1, 3, 4];
    const bad: SmoothReference = { axes: [1, 2] };
    const x = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
    const out = addSmoothReference(x, fresh(1, 12), bad, shape);
    const v = Float64Array.from(x);
    const up = v.slice();
    const down = v.slice();
    up[5] += 1e-3;
    down[5] -= 1e-3;
    const fd = (definitionEnergy(up, bad, shape) - definitionEnergy(down, bad, shape)) / 2e-3;
    expect(Math.abs(fd - out.grad[5])).toBeLessThan(1e-4);
    expect(Math.abs(fd + out.grad[5])).toBeGreaterThan(0.1); // the negated gradient is far off, so the check can fail
  });

  it('known values: a ramp along time costs only λ_t, a straight ramp has no curvature, a parabola 2κ² per inner frame', () => {
    const shape = [1, 4, 2, 3]; // [C, T, H, W], value = frame index
    const ramp = Float32Array.from({ length: 24 }, (_, i) => Math.floor(i / 6));
    const r: SmoothReference = { axes: [2, 7, 7], curvature: [5, 0, 0] };
    expect(addSmoothReference(ramp, fresh(1, 24), r, shape).energy[0]).toBeCloseTo(0.5 * 2 * 3 * 6, 5); // 3 frame pairs × 6 px × d² 1
    const parabola = Float32Array.from({ length: 24 }, (_, i) => Math.floor(i / 6) ** 2);
    // d = 1, 3, 5 along time: ½·2·(1 + 9 + 25)·6; second differences 2 at the 2 inner frames: ½·5·4·2·6.
    expect(addSmoothReference(parabola, fresh(1, 24), r, shape).energy[0]).toBeCloseTo(0.5 * 2 * 35 * 6 + 0.5 * 5 * 4 * 2 * 6, 4);
    // P = λ·I is the scalar form.
    const x = Float32Array.from({ length: 60 }, (_, i) => Math.cos(i * 0.7));
    const eye = [3, 0, 0, 0, 3, 0, 0, 0, 3];
    const a = addSmoothReference(x, fresh(1, 60), { axes: [3, 3] }, [3, 4, 5]);
    const b = addSmoothReference(x, fresh(1, 60), { axes: [eye, eye] }, [3, 4, 5]);
    expect(b.energy[0]).toBeCloseTo(a.energy[0], 4);
    for (let i = 0; i < 60; i++) expect(b.grad[i]).toBeCloseTo(a.grad[i], 5);
  });

  it('its stiffness bounds the largest curvature of E_s and is nearly reached (power iteration on the Hessian)', () => {
    const shape = [2, 6, 7, 8];
    const r: SmoothReference = { axes: [3, 1, 1], curvature: [2, 0, 0] };
    const D = 2 * 6 * 7 * 8;
    // E_s is quadratic: its gradient at v is H·v.
    const hessianTimes = (v: Float32Array): Float32Array => addSmoothReference(v, fresh(1, D), r, shape).grad;
    let v = Float32Array.from({ length: D }, (_, i) => ((i * 7919) % 13) - 6);
    let lambda = 0;
    for (let k = 0; k < 400; k++) {
      const hv = hessianTimes(v);
      const norm = Math.hypot(...hv);
      lambda = norm / Math.hypot(...v);
      v = hv.map((a) => a / norm);
    }
    const bound = smoothReferenceStiffness(r);
    expect(lambda).toBeLessThanOrEqual(bound * (1 + 1e-6));
    expect(lambda).toBeGreaterThan(0.8 * bound);
  });

  it('refuses a reference with the wrong number of axes or a matrix of the wrong size, naming the fix', () => {
    expect(() => addSmoothReference(new Float32Array(12), fresh(1, 12), { axes: [1, 1, 1] }, [1, 3, 4])).toThrow(/3 axes; tensors with 2 spatial axes need 2/);
    expect(() => addSmoothReference(new Float32Array(24), fresh(1, 24), { axes: [[1, 0, 0, 1], 1] }, [3, 2, 4])).toThrow(/need 9 \(a 3×3 matrix\) or one number/);
  });
});

describe('withSmoothReference and SmoothReferenceEnergy', () => {
  it('add E_s to a network\'s energy and gradient, leave its parameter gradient, and work at another shape', async () => {
    const spec = {
      input: [2, 4, 6, 6],
      layers: [{ type: 'conv3d', outChannels: 3, kernel: 3, padding: 1 }, { type: 'leakyRelu', alpha: 0.2 }],
      readout: 'sum',
    } as const;
    const model = await EnergyModel.create(spec, { seed: 3, threads: 1 });
    try {
      const r: SmoothReference = { axes: [4, 2, 2], curvature: [1, 0, 0] };
      const wrapped = new SmoothReferenceEnergy(model, r);
      const x = Float32Array.from({ length: 2 * 288 }, (_, i) => Math.sin(i * 0.37));
      const net = await model.energyAndGrad(x);
      const netEnergy = Float32Array.from(net.energy);
      const netGrad = Float32Array.from(net.grad);
      const term = addSmoothReference(x, fresh(2, x.length), r, spec.input);
      const both = await wrapped.energyFn()(x);
      for (let n = 0; n < 2; n++) expect(both.energy[n]).toBeCloseTo(netEnergy[n] + term.energy[n], 2);
      for (let i = 0; i < x.length; i += 17) expect(both.grad[i]).toBeCloseTo(netGrad[i] + term.grad[i], 4);
      const e = await wrapped.energy(x);
      for (let n = 0; n < 2; n++) expect(e[n]).toBeCloseTo(netEnergy[n] + term.energy[n], 2);
      const w = Float32Array.from([1, -1]);
      const own = Float32Array.from((await model.paramGrad(x, w)).grad);
      const viaWrapper = (await wrapped.paramGrad(x, w)).grad;
      expect(Array.from(viaWrapper)).toEqual(Array.from(own));
      // A longer, larger clip (fully convolutional) and the frozen snapshot give the same as the live model.
      const shape = [2, 6, 8, 10];
      const y = Float32Array.from({ length: 960 }, (_, i) => Math.cos(i * 0.11));
      const live = await wrapped.energyFn(shape)(y);
      const liveEnergy = live.energy[0];
      const frozen = wrapped.freeze();
      try {
        const snap = await frozen.energyFn(shape)(y);
        expect(snap.energy[0]).toBeCloseTo(liveEnergy, 2);
      } finally {
        await frozen.dispose();
      }
      const none: EnergyFn = model.energyFn();
      expect(withSmoothReference(none, { axes: [0, 0, 0] }, spec.input)).toBe(none);
    } finally {
      await model.dispose();
    }
  });
});
