import type { EnergyModel } from '../runtime/EnergyModel.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';
import type { TrainableEnergy } from '../train/TrainableEnergy.js';
import { addSmoothReference, isSmoothReferenceOff, withSmoothReference, type SmoothReference } from './smoothReference.js';

/**
 * A network's EnergyModel as the trainer and the samplers see it with a {@link SmoothReference} added: E and the
 * sampler's EnergyFn include E_s; the parameter gradient is the network's alone (E_s has no parameters). Works at
 * the training shape and, for fully convolutional networks, at any other per-sample shape [C, ...spatial].
 */
export class SmoothReferenceEnergy implements TrainableEnergy {
  constructor(
    readonly model: EnergyModel,
    readonly reference: SmoothReference,
  ) {}

  /** The network's θ (updated in place by the trainer). */
  get theta(): Float32Array {
    return this.model.theta;
  }

  /** Per-sample [C, ...spatial] of the training data. */
  get inputShape(): number[] {
    return this.model.inputShape;
  }

  /** E(x) + E_s(x) [N] for x [N, C, ...spatial] at the training shape. */
  async energy(x: Float32Array): Promise<Float32Array> {
    const energy = Float32Array.from(await this.model.energy(x));
    if (isSmoothReferenceOff(this.reference)) return energy;
    return addSmoothReference(x, { energy, grad: new Float32Array(x.length) }, this.reference, this.model.inputShape).energy;
  }

  /** The sampler's view at the training shape, or at another per-sample [C, ...spatial]. */
  energyFn(inShape: number[] = this.model.inputShape): EnergyFn {
    return withSmoothReference(this.model.energyFn(inShape), this.reference, inShape);
  }

  /** A sampling-only snapshot with θ baked into the graphs (see EnergyModel.freeze), the reference added. */
  freeze(): { energyFn(inShape?: number[]): EnergyFn; dispose(): Promise<void> } {
    const frozen = this.model.freeze();
    const reference = this.reference;
    const shape = this.model.inputShape;
    return {
      energyFn: (inShape: number[] = shape) => withSmoothReference(frozen.energyFn(inShape), reference, inShape),
      dispose: () => frozen.dispose(),
    };
  }

  /** E(x) [N] (the network's) and Σₙ wₙ ∂Eₙ/∂θ: E_s does not depend on θ. */
  paramGrad(x: Float32Array, weights: Float32Array, inShape?: number[], out?: Float32Array): Promise<{ energy: Float32Array; grad: Float32Array }> {
    return this.model.paramGrad(x, weights, inShape, out);
  }
}
