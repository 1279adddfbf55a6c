import os from 'node:os';

/** Where graphs run. `cuda` and `webgpu` need an onnxruntime-node build and a machine that has them. */
export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

/** Options for the onnxruntime sessions of an {@link EnergyModel}. */
export interface ExecutionOptions {
  /** Intra-op threads; default: the machine's cores. */
  threads?: number;
  /** Default 'cpu'. */
  executionProvider?: ExecutionProvider;
}

/** The ORT session options the engine uses: full graph optimisation (NCHWc conv kernels), sequential. */
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
  };
}
