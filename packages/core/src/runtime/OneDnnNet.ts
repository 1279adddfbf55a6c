import type { ResolvedNetwork } from '../spec/resolveNetwork.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { nativeProgram, type NativeMode, type NativeVariant } from './nativeProgram.js';
import type { ConvSpec } from '../spec/NetworkSpec.js';
import { convGeometry } from '../layers/convGeometry.js';
import type { OneDnnAddon } from './oneDnnAddon.js';
import { RuntimeError } from './RuntimeError.js';
import { withRecycledOutputs } from './outputRecycling.js';
import { networkMacs } from '../bench/benchFlops.js';

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
  /** The fixed θ (a snapshot's) the weights hold now, or null. */
  private loadedTheta: Float32Array | null = null;
  private readonly handle: object;
  /** Convolution and linear FLOPs of one run (forward, plus dE/dx or dE/dθ and dE/dx), counted from the spec. */
  readonly flops: number;

  constructor(
    private readonly addon: OneDnnAddon,
    readonly net: ResolvedNetwork,
    readonly batch: number,
    readonly mode: NativeMode,
    /** The first conv's layout choices; {} leaves them to the addon's rule. */
    readonly variant: NativeVariant = {},
  ) {
    const macs = networkMacs(net).reduce((a, b) => a + b, 0);
    this.flops = 2 * batch * macs * (mode === 'energy' ? 1 : mode === 'inputGrad' ? 2 : 3);
    try {
      this.handle = addon.create(nativeProgram(net, batch, mode, variant));
    } catch (e) {
      throw new RuntimeError(`oneDNN could not build the ${mode} network for [${batch}, ${net.inShape}]: ${(e as Error).message}`);
    }
  }

  /**
   * Runs the net on x [N·D] with θ (flat; copied into the primitives' formats first, unless `thetaFixed` says it is
   * a snapshot's unchanging θ and it is the one loaded; null: the weights loaded last), w [N] the sample weights of a
   * paramGrad run, `gradTheta` an optional output buffer of θ's length.
   */
  run(x: Float32Array, theta: Float32Array | null, threads: number, w?: Float32Array, gradTheta?: Float32Array, thetaFixed = false): Promise<OneDnnResult> {
    const once = async (): Promise<OneDnnResult> => {
      // A snapshot's θ never changes: copied in again only when another θ ran since.
      if (theta && !(thetaFixed && theta === this.loadedTheta)) this.setParams(theta);
      if (theta) this.loadedTheta = thetaFixed ? theta : null;
      const energy = new Float32Array(this.batch);
      const gradX = this.mode === 'inputGrad' ? new Float32Array(this.batch * shapeSize(this.net.inShape)) : undefined;
      const gT = this.mode === 'paramGrad' ? (gradTheta ?? new Float32Array(this.net.paramCount)) : undefined;
      try {
        if (this.flops <= ONEDNN_SYNC.maxFlops) this.addon.runSync(this.handle, x, w ?? null, energy, gradX ?? null, gT ?? null, threads);
        else await this.addon.run(this.handle, x, w ?? null, energy, gradX ?? null, gT ?? null, threads);
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

  /** The oneDNN implementation of each conv and linear primitive, e.g. 'L2 fwd: jit:avx512_core'. */
  implementations(): string[] {
    return this.addon.implementations(this.handle);
  }

  /** Times every part of the following runs; {@link OneDnnNet.lastProfile} returns the last run's. */
  setProfiling(on: boolean): void {
    this.addon.setProfiling(this.handle, on);
  }

  /** The timed parts of the last run (empty unless profiling): layer and direction, what ran (a primitive kind), ms. */
  lastProfile(): { layer: string; what: string; ms: number }[] {
    return this.addon.lastProfile(this.handle);
  }

  /**
   * The net for this shape, with its first conv's layout by {@link firstConvLayout}'s rule. The rule is fixed, not
   * timed per process, so that a seed reproduces a run to the bit.
   */
  static forShape(addon: OneDnnAddon, net: ResolvedNetwork, batch: number, mode: NativeMode): OneDnnNet {
    return new OneDnnNet(addon, net, batch, mode, firstConvLayout(net, batch, mode));
  }

  /** Copies θ (flat, length = the net's parameter count) into the primitives' weight formats. */
  setParams(theta: Float32Array): void {
    this.loadedTheta = null;
    if (theta.length !== this.net.paramCount) throw new RuntimeError(`θ has ${theta.length} values but the network has ${this.net.paramCount}`);
    this.addon.setParams(this.handle, theta);
  }
}

/**
 * Runs of at most `maxFlops` run on the calling thread: for small nets the hops to a worker thread and back cost more
 * than they free (measured on the texture preset's 64², batch-2 Langevin step, 76 MFLOP: 0.90–1.05 → 0.74–0.76 ms per
 * step). Larger runs go to a libuv worker and leave the event loop free.
 */
export const ONEDNN_SYNC = { maxFlops: 2e8 };

/**
 * How an input-gradient net's first conv runs (other nets: the addon's rule). Measured on this machine's AVX-512
 * (ms per Langevin step, one process, first-layer dE/dx through oneDNN's plain-layout GEMM or its blocked kernels,
 * with or without the stride phases):
 * - 3D, the video net [4, 3, 16, 64, 64]: phases + blocked 21.6, blocked 26.5, phases + plain 33.4;
 * - 2D, the texture net [8, 3, 128, 128]: plain 22.0, phases + blocked 22.1, phases + plain 23.1, blocked 23.6;
 * - 2D, the texture preset's net at 64², 32 filters, batch 2 / 8: blocked 0.72 / 2.47, phases + blocked 1.01 / 2.53,
 *   plain 1.15 / 4.40, phases + plain 1.55 / 5.83.
 * So: blocked always; the stride phases (where the stride is above 1 and they make at most 16 channels) in 3D, and in
 * 2D from 65536 input positions per batch (N·H·W) up.
 */
export function firstConvLayout(net: ResolvedNetwork, batch: number, mode: NativeMode): NativeVariant {
  const first = net.layers[0];
  if (mode !== 'inputGrad' || !first || (first.spec.type !== 'conv2d' && first.spec.type !== 'conv3d')) return {};
  const geo = convGeometry(first.spec as ConvSpec, first.inShape.length - 1, 0);
  const phases = geo.stride.reduce((a, b) => a * b, 1);
  const fits = phases > 1 && first.inShape[0] * phases <= 16;
  const large = first.spec.type === 'conv3d' || batch * shapeSize(first.inShape.slice(1)) >= 65536;
  return { phases: fits && large ? 'on' : 'off', inputGradLayout: 'blocked' };
}
