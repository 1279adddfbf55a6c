import type { EnergyModel } from '@ebm/core';

/**
 * Sets the parameters of the network's last parametrised layer to zero, in place, so that f ≡ 0 and the energy is
 * the reference alone until training moves it (a model that starts as harmonic inpainting, not as noise).
 */
export function zeroReadout(model: EnergyModel): void {
  const last = Math.max(...model.params.map((p) => p.layer));
  model.params.forEach((p, i) => {
    if (p.layer === last) model.paramTensors[i].fill(0);
  });
}
