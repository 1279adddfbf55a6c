import type { ResolvedNetwork } from '../spec/resolveNetwork.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { nativeProgram, type NativeMode } from './nativeProgram.js';
import type { OneDnnAddon } from './oneDnnAddon.js';
import { RuntimeError } from './RuntimeError.js';
import { withRecycledOutputs } from './outputRecycling.js';

/** What one run of a {@link OneDnnNet} returns: E [N], and dE/dx [N·D] (inputGrad) or Σₙ wₙ ∂Eₙ/∂θ (paramGrad). */
export interface OneDnnResult {
  energy: Float32Array;
  gradX?: Float32Array;
  gradTheta?: Float32Array;
}

/**
 * One network compiled to oneDNN primitives for one batch size, per-sample input shape and mode. Runs are queued:
 * the primitives share buffers, so one runs at a time.
 */
export class OneDnnNet {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly handle: object;

  constructor(
    private readonly addon: OneDnnAddon,
    readonly net: ResolvedNetwork,
    readonly batch: number,
    readonly mode: NativeMode,
  ) {
    try {
      this.handle = addon.create(nativeProgram(net, batch, mode));
    } catch (e) {
      throw new RuntimeError(`oneDNN could not build the ${mode} network for [${batch}, ${net.inShape}]: ${(e as Error).message}`);
    }
  }

  /**
   * Runs the net on x [N·D] with θ (flat; copied into the primitives' formats first unless `paramsSet`), w [N] the
   * sample weights of a paramGrad run, `gradTheta` an optional output buffer of θ's length.
   */
  run(x: Float32Array, theta: Float32Array | null, threads: number, w?: Float32Array, gradTheta?: Float32Array): Promise<OneDnnResult> {
    const once = async (): Promise<OneDnnResult> => {
      if (theta) this.setParams(theta);
      const energy = new Float32Array(this.batch);
      const gradX = this.mode === 'inputGrad' ? new Float32Array(this.batch * shapeSize(this.net.inShape)) : undefined;
      const gT = this.mode === 'paramGrad' ? (gradTheta ?? new Float32Array(this.net.paramCount)) : undefined;
      try {
        await this.addon.run(this.handle, x, w ?? null, energy, gradX ?? null, gT ?? null, threads);
      } catch (e) {
        throw new RuntimeError(`oneDNN failed on the ${this.mode} network for [${this.batch}, ${this.net.inShape}]: ${(e as Error).message}`);
      }
      return { energy, gradX, gradTheta: gT };
    };
    // Fresh outputs each run (a caller may keep them), on pages that dropped outputs gave back (outputRecycling.ts).
    const next = this.queue.then(() => withRecycledOutputs(once, (r) => r.energy.byteLength + (r.gradX?.byteLength ?? 0) + (gradTheta ? 0 : (r.gradTheta?.byteLength ?? 0))));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Times every part of the following runs; {@link OneDnnNet.lastProfile} returns the last run's. */
  setProfiling(on: boolean): void {
    this.addon.setProfiling(this.handle, on);
  }

  /** The timed parts of the last run (empty unless profiling): layer and direction, what ran (a primitive kind), ms. */
  lastProfile(): { layer: string; what: string; ms: number }[] {
    return this.addon.lastProfile(this.handle);
  }

  /** Copies θ (flat, length = the net's parameter count) into the primitives' weight formats. */
  setParams(theta: Float32Array): void {
    if (theta.length !== this.net.paramCount) throw new RuntimeError(`θ has ${theta.length} values but the network has ${this.net.paramCount}`);
    this.addon.setParams(this.handle, theta);
  }
}
