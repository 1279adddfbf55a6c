import os from 'node:os';
import type { Engine } from './engineChoice.js';

/** Where graphs run. `cuda` and `webgpu` need an onnxruntime-node build and a machine that has them. */
export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

/** How an {@link EnergyModel} runs: engine, execution provider and threads. */
export interface ExecutionOptions {
  /** Intra-op threads; default: the machine's cores. */
  threads?: number;
  /** Default 'cpu'. */
  executionProvider?: ExecutionProvider;
  /** Which engine runs the network ({@link Engine}); default EBM_ENGINE, else 'auto' (oneDNN on the CPU where it can). */
  engine?: Engine;
}

/**
 * The ORT session options the engine uses: full graph optimisation (NCHWc conv kernels), sequential, and
 * `session.force_spinning_stop`. Without it onnxruntime's intra-op workers keep spinning after a run returns
 * (measured: 28 ms of CPU in a 50 ms pause after each run), which takes a core from the JavaScript between runs
 * and from the next run of another session: a training loop of 10 Langevin steps and one update, which alternates
 * two sessions, measured 5–8 % faster with it (video 579–606 → 542–552 ms, texture 460–474 → 427–433 ms per
 * iteration); single-session steps and updates unchanged within noise. Workers still spin between the nodes of a run.
 */
export function sessionOptions(opts: ExecutionOptions): Record<string, unknown> {
  const threads = opts.threads ?? os.availableParallelism();
  return {
    executionProviders: [opts.executionProvider ?? 'cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: true,
    logSeverityLevel: 3,
    extra: { session: { force_spinning_stop: '1' } },
  };
}
