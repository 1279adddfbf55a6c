import { EnergyModel } from '../runtime/EnergyModel.js';
import { Adam } from '../optim/Adam.js';
import { Rng } from '../random/Rng.js';
import { BENCH_NETS, type BenchNetName } from '../spec/presets.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import type { ExecutionProvider } from '../runtime/ExecutionOptions.js';
import type { Engine } from '../runtime/engineChoice.js';
import { measureFlops } from './benchFlops.js';
import { gemmRate } from './gemmRate.js';
import { medianMs } from './medianMs.js';

/** Timings of one benchmark network, in milliseconds (medians), and the rates they achieve. */
export interface NetTiming {
  shape: number[];
  /** The engine that ran the net ({@link Engine}'s choice). */
  engine: 'onnx' | 'onednn';
  langevin_step_ms: number;
  param_update_ms: number;
  /** Convolution and linear-layer FLOPs of the step counted from the spec ({@link measureFlops}) per second, in G. */
  langevin_step_gflops: number;
  param_update_gflops: number;
}

/** Options of {@link runBench}. */
export interface BenchOptions {
  nets?: BenchNetName[];
  threads?: number;
  reps?: number;
  warmup?: number;
  executionProvider?: ExecutionProvider;
  /** Default: EBM_ENGINE, else 'auto'. */
  engine?: Engine;
  /** Called before each net, for progress output. */
  onNet?: (name: BenchNetName) => void;
}

/**
 * Times the networks of shared/BENCHMARKS.md exactly as the PyTorch peer does:
 * - langevin_step_ms: E and dE/dx of the batch (on {@link EnergyModel.freeze}'s snapshot, as sampling from a
 *   trained model runs), then x ← x − ½·δ²·dE/dx + δ·ε with δ = 0.1;
 * - param_update_ms: E of a data batch and a sample batch, Σ ∂/∂θ of mean E(data) − mean E(samples)
 *   in one weighted pass, and one Adam step (lr 1e-3).
 * Medians over `reps` runs after `warmup` runs. Returns the peer's JSON layout, plus per net the GFLOP/s each
 * measure achieves and, as `gemm_gflops`, this machine's GEMM rate measured the same way ({@link gemmRate}).
 */
export async function runBench(opts: BenchOptions = {}): Promise<Record<string, unknown>> {
  const threads = opts.threads ?? 2;
  const reps = opts.reps ?? 5;
  const warmup = opts.warmup ?? 2;
  const out: Record<string, unknown> = { threads, gemm_gflops: round2(await gemmRate({ threads, reps, warmup })) };
  for (const name of opts.nets ?? (Object.keys(BENCH_NETS) as BenchNetName[])) {
    opts.onNet?.(name);
    const { spec, batch } = BENCH_NETS[name];
    const model = await EnergyModel.create(spec, { seed: 0, threads, executionProvider: opts.executionProvider, engine: opts.engine });
    const rng = new Rng(0);
    const size = batch * shapeSize(spec.input);
    const x = rng.fillNormal(new Float32Array(size)) as Float32Array;
    const noise = new Float64Array(size);
    const pair = new Float32Array(2 * size);
    rng.fillNormal(pair.subarray(0, size));
    const weights = new Float32Array(2 * batch).fill(1 / batch, 0, batch).fill(-1 / batch, batch);
    const grad = new Float32Array(model.theta.length);
    const adam = new Adam(model.theta.length, { lr: 1e-3 });
    const delta = 0.1;
    // Sampling runs on a snapshot with θ baked in (as synthesis does), training on the live θ.
    const frozen = model.freeze();
    const langevinStep = async () => {
      const { grad: g } = await frozen.energyAndGrad(x);
      rng.fillNormal(noise);
      for (let i = 0; i < size; i++) x[i] = x[i] - 0.5 * delta * delta * g[i] + delta * noise[i];
    };
    const paramUpdate = async () => {
      pair.set(x, size);
      await model.paramGrad(pair, weights, undefined, grad);
      adam.step(model.theta, grad);
    };
    const langevinMs = await medianMs(langevinStep, reps, warmup);
    const updateMs = await medianMs(paramUpdate, reps, warmup);
    out[name] = {
      shape: [batch, ...spec.input],
      engine: model.engineFor(),
      langevin_step_ms: round2(langevinMs),
      param_update_ms: round2(updateMs),
      langevin_step_gflops: round2(measureFlops(spec, batch, 'langevin_step') / langevinMs / 1e6),
      param_update_gflops: round2(measureFlops(spec, batch, 'param_update') / updateMs / 1e6),
    } satisfies NetTiming;
    await frozen.dispose();
    await model.dispose();
  }
  return out;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
