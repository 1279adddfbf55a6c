// Test-only: Metropolis on a ring of K states with the symmetric proposal i → i ± 1 (mod K), using the same
// acceptance function as RandomWalkMetropolis, so the discrete test checks the decision rule itself.
import type { Rng } from '../../random/Rng.js';
import { metropolisAccept } from '../metropolisAccept.js';

export class RingMetropolis {
  constructor(readonly energies: readonly number[]) {}

  /** One step of every chain in `states`; counts[i·K + j] += 1 for each transition i → j (j = i when rejected). */
  step(states: Int32Array, rng: Rng, counts?: Float64Array): number {
    const K = this.energies.length;
    let accepted = 0;
    for (let n = 0; n < states.length; n++) {
      const i = states[n];
      const j = (i + (rng.uniform() < 0.5 ? 1 : K - 1)) % K;
      const ok = metropolisAccept(this.energies[i] - this.energies[j], rng);
      if (ok) (states[n] = j), accepted++;
      if (counts) counts[i * K + states[n]]++;
    }
    return accepted;
  }
}
