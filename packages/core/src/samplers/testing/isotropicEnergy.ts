// Test-only: E(x) = ½·p·‖x − c‖² per sample (p = 0 gives the flat energy E ≡ 0), for any D.
import type { EnergyFn } from '../EnergyFn.js';

export function isotropicEnergy(dim: number, precision = 1, center = 0): EnergyFn {
  return async (x) => {
    const N = x.length / dim;
    const energy = new Float32Array(N);
    const grad = new Float32Array(x.length);
    for (let n = 0; n < N; n++) {
      let e = 0;
      for (let i = n * dim; i < (n + 1) * dim; i++) {
        const r = x[i] - center;
        grad[i] = precision * r;
        e += r * r;
      }
      energy[n] = 0.5 * precision * e;
    }
    return { energy, grad };
  };
}
