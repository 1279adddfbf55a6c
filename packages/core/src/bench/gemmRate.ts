import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { Rng } from '../random/Rng.js';
import { sessionOptions } from '../runtime/ExecutionOptions.js';
import { medianMs } from './medianMs.js';

/** Options of {@link gemmRate}. */
export interface GemmRateOptions {
  threads?: number;
  /** The product [m × k] · [k × n]; default 1024³. */
  m?: number;
  k?: number;
  n?: number;
  reps?: number;
  warmup?: number;
}

/**
 * This machine's single-precision GEMM rate as the benchmark nets see it, GFLOP/s: one onnxruntime MatMul
 * [m × k] · [k × n] (2·m·k·n FLOPs; its sum is the output) in a session with the engine's options and thread
 * count, timed like the nets (median after warm-up, including the run's own overhead).
 */
export async function gemmRate(opts: GemmRateOptions = {}): Promise<number> {
  const { m = 1024, k = 1024, n = 1024 } = opts;
  const g = new GraphBuilder('gemm');
  // The product is summed in the graph: a [m × n] output copied out on every run measured 3× slower under glibc's
  // default malloc (its multi-megabyte blocks go back to the kernel and fault in again), which is not the GEMM.
  g.op('ReduceSum', [g.op('MatMul', [g.input('a', [m, k]), g.input('b', [k, n])])], { keepdims: 0 }, 'c');
  g.output('c', []);
  const session = await ort.InferenceSession.create(g.encode(), sessionOptions({ threads: opts.threads ?? 2 }) as ort.InferenceSession.SessionOptions);
  try {
    const rng = new Rng(0);
    const feeds = {
      a: new ort.Tensor('float32', rng.fillNormal(new Float32Array(m * k)) as Float32Array, [m, k]),
      b: new ort.Tensor('float32', rng.fillNormal(new Float32Array(k * n)) as Float32Array, [k, n]),
    };
    const ms = await medianMs(async () => void (await session.run(feeds)), opts.reps ?? 9, opts.warmup ?? 2);
    return (2 * m * k * n) / ms / 1e6;
  } finally {
    await session.release();
  }
}
