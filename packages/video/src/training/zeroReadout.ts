import type { EnergyModel } from '@ebm/core';

/** Sets the last parametrised layer's θ to zero in place: f ≡ 0, so the energy is the reference alone until trained. */
export function zeroReadout(model: EnergyModel): void {
  const last = Math.max(...model.params.map((p) => p.layer));
  model.params.forEach((p, i) => {
    if (p.layer === last) model.paramTensors[i].fill(0);
  });
}
