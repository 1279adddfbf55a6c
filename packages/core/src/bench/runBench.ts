import { EnergyModel } from '../runtime/EnergyModel.js';
import { Adam } from '../optim/Adam.js';
import { Rng } from '../random/Rng.js';
import { BENCH_NETS, type BenchNetName } from '../spec/presets.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import type { ExecutionProvider } from '../runtime/ExecutionOptions.js';

/** Timings of one benchmark network, in milliseconds (medians). */
export interface NetTiming {
  shape: number[];
  langevin_step_ms: number;
  param_update_ms: number;
}

/** Options of {@link runBench}. */
export interface BenchOptions {
  nets?: BenchNetName[];
  threads?: number;
  reps?: number;
  warmup?: number;
  executionProvider?: ExecutionProvider;
  /** Called before each net, for progress output. */
  onNet?: (name: BenchNetName) => void;
}

/**
 * Times the networks of shared/BENCHMARKS.md exactly as the PyTorch peer does:
 * - langevin_step_ms: E and dE/dx of the batch (on {@link EnergyModel.freeze}'s snapshot, as sampling from a
 *   trained model runs), then x ← x − ½·δ²·dE/dx + δ·ε with δ = 0.1;
 * - param_update_ms: E of a data batch and a sample batch, Σ ∂/∂θ of mean E(data) − mean E(samples)
 *   in one weighted pass, and one Adam step (lr 1e-3).
 * Medians over `reps` runs after `warmup` runs. Returns the peer's JSON layout.
 */
export async function runBench(opts: BenchOptions = {}): Promise<Record<string, unknown>> {
  const threads = opts.threads ?? 2;
  const reps = opts.reps ?? 5;
  const warmup = opts.warmup ?? 2;
  const out: Record<string, unknown> = { threads };
  for (const name of opts.nets ?? (Object.keys(BENCH_NETS) as BenchNetName[])) {
    opts.onNet?.(name);
    const { spec, batch } = BENCH_NETS[name];
    const model = await EnergyModel.create(spec, { seed: 0, threads, executionProvider: opts.executionProvider });
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
    out[name] = {
      shape: [batch, ...spec.input],
      langevin_step_ms: round2(await medianMs(langevinStep, reps, warmup)),
      param_update_ms: round2(await medianMs(paramUpdate, reps, warmup)),
    } satisfies NetTiming;
    await frozen.dispose();
    await model.dispose();
  }
  return out;
}

async function medianMs(fn: () => Promise<void>, reps: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
