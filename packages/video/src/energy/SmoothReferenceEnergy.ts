import type { EnergyFn, EnergyModel, TrainableEnergy } from '@ebm/core';
import { addSpaceTimeSmoothness, isSmoothnessOff, withSpaceTimeSmoothness, type SpaceTimeSmoothness } from './SpaceTimeSmoothness.js';

/**
 * A core EnergyModel as the trainer and samplers see it, with the space-time smooth reference added: E and the
 * sampler's EnergyFn include E_s; the parameter gradient is the network's (E_s has no parameters).
 */
export class SmoothReferenceEnergy implements TrainableEnergy {
  constructor(
    readonly model: EnergyModel,
    readonly smoothness: SpaceTimeSmoothness,
  ) {}

  get theta(): Float32Array {
    return this.model.theta;
  }

  /** Per-sample [C, T, H, W] of the training clip. */
  get inputShape(): number[] {
    return this.model.inputShape;
  }

  /** E(x) [N] for x [N, C, T, H, W] at the training shape. */
  async energy(x: Float32Array): Promise<Float32Array> {
    const energy = Float32Array.from(await this.model.energy(x));
    if (isSmoothnessOff(this.smoothness)) return energy;
    return addSpaceTimeSmoothness(x, { energy, grad: new Float32Array(x.length) }, this.smoothness, this.model.inputShape).energy;
  }

  /** The sampler's view at the training shape or another [C, T, H, W] (the network is fully convolutional). */
  energyFn(inShape: number[] = this.model.inputShape): EnergyFn {
    return withSpaceTimeSmoothness(this.model.energyFn(inShape), this.smoothness, inShape);
  }

  paramGrad(x: Float32Array, weights: Float32Array, inShape?: number[], out?: Float32Array): Promise<{ energy: Float32Array; grad: Float32Array }> {
    return this.model.paramGrad(x, weights, inShape, out);
  }
}
