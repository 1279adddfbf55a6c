import type { ResolvedNetwork } from '../spec/resolveNetwork.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { nativeProgram, type NativeMode, type NativeVariant } from './nativeProgram.js';
import type { ConvSpec } from '../spec/NetworkSpec.js';
import { convGeometry } from '../layers/convGeometry.js';
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
    const macs = net.layers.reduce((a, l) => a + (l.params[0] && l.params[0].name.endsWith('.weight') ? shapeSize(l.params[0].shape) * (l.spec.type === 'linear' ? 1 : shapeSize(l.outShape.slice(1))) : 0), 0);
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
   * The net for this shape with its first conv's layout chosen by timing: where an input-gradient net's first layer is
   * a conv, every {@link NativeVariant} that applies (dE/dx through oneDNN's plain-layout GEMM or its blocked kernels;
   * on the input's stride phases or not, where it has a stride) runs on `x` and θ once to warm up and twice timed, and
   * the fastest (least time) is kept. Which one wins depends on the sizes and the machine: the 128² texture step measured
   * the GEMM 0.93× the blocked kernels, a 64² batch of 4 the blocked kernels 0.5× the GEMM. The choice is remembered per
   * network, shape, batch and thread count for the process, so a training loop's snapshots reuse it.
   * EBM_DNNL_GX or EBM_DNNL_S2D in the environment turn the timing off (they force a layout).
   */
  static async tuned(addon: OneDnnAddon, net: ResolvedNetwork, batch: number, mode: NativeMode, x: Float32Array, theta: Float32Array, threads: number): Promise<OneDnnNet> {
    const candidates = variantsToTime(net, mode);
    const key = `${mode}|${batch}|${threads}|${net.inShape.join('x')}|${JSON.stringify(net.spec)}`;
    const known = CHOSEN_VARIANTS.get(key);
    if (known || candidates.length < 2) return new OneDnnNet(addon, net, batch, mode, known ?? {});
    let best: { net: OneDnnNet; ms: number } | undefined;
    for (const variant of candidates) {
      const candidate = new OneDnnNet(addon, net, batch, mode, variant);
      candidate.setParams(theta);
      await candidate.run(x, null, threads);
      let ms = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await candidate.run(x, null, threads);
        ms = Math.min(ms, performance.now() - t0);
      }
      if (!best || ms < best.ms) best = { net: candidate, ms };
    }
    CHOSEN_VARIANTS.set(key, best!.net.variant);
    return best!.net;
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

/** The layout each (mode, batch, threads, shape, spec) was timed to, for the process. */
const CHOSEN_VARIANTS = new Map<string, NativeVariant>();

/**
 * The first-conv layouts worth timing for `net` in `mode`: none unless an input-gradient net starts with a conv and
 * no EBM_DNNL_GX / EBM_DNNL_S2D forces one; the stride phases only where the stride is above 1 and they make at most
 * 32 channels.
 */
function variantsToTime(net: ResolvedNetwork, mode: NativeMode): NativeVariant[] {
  const first = net.layers[0];
  if (mode !== 'inputGrad' || !first || (first.spec.type !== 'conv2d' && first.spec.type !== 'conv3d')) return [];
  if (process.env.EBM_DNNL_GX || process.env.EBM_DNNL_S2D) return [];
  const geo = convGeometry(first.spec as ConvSpec, first.inShape.length - 1, 0);
  const phases = geo.stride.reduce((a, b) => a * b, 1);
  const layouts: NativeVariant['inputGradLayout'][] = ['plain', 'blocked'];
  const phaseChoices: NativeVariant['phases'][] = phases > 1 && first.inShape[0] * phases <= 32 ? ['off', 'on'] : ['off'];
  return phaseChoices.flatMap((p) => layouts.map((l) => ({ phases: p, inputGradLayout: l })));
}
