import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { sessionOptions } from './ExecutionOptions.js';
import { compileGraph, GRAPH_NAMES } from '../compile/compileGraph.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';
import { initParams, paramViews } from '../spec/initParams.js';
import { Rng } from '../random/Rng.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

const spec: NetworkSpec = {
  input: [3, 64, 64],
  layers: [
    { type: 'conv2d', outChannels: 32, kernel: 3, stride: 1, padding: 1 },
    { type: 'leakyRelu', alpha: 0.2 },
  ],
};

/** Mean process CPU time [ms] during a 50 ms pause right after each of 6 runs of a dE/dx session built with `options`. */
async function cpuAfterRuns(options: Record<string, unknown>): Promise<number> {
  const net = resolveNetwork(spec);
  const baked = paramViews(net.params, initParams(net.params, 0));
  const graph = compileGraph(net, 8, 'inputGrad', { bakedParams: baked });
  const session = await ort.InferenceSession.create(graph.onnx, options as ort.InferenceSession.SessionOptions);
  const x = new ort.Tensor('float32', new Rng(1).fillNormal(new Float32Array(8 * 3 * 64 * 64)) as Float32Array, [8, 3, 64, 64]);
  try {
    for (let i = 0; i < 2; i++) await session.run({ [GRAPH_NAMES.x]: x });
    let total = 0;
    for (let i = 0; i < 6; i++) {
      await session.run({ [GRAPH_NAMES.x]: x });
      const before = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const used = process.cpuUsage(before);
      total += (used.user + used.system) / 1000;
    }
    return total / 6;
  } finally {
    await session.release();
  }
}

describe('sessionOptions', () => {
  it('stops onnxruntime’s workers spinning when a run returns', async () => {
    const engine = await cpuAfterRuns(sessionOptions({ threads: 2 }));
    // The control: the same options without force_spinning_stop; the idle worker spins for tens of milliseconds.
    const { extra: _, ...withoutStop } = sessionOptions({ threads: 2 });
    const spinning = await cpuAfterRuns(withoutStop);
    console.log('cpu ms per gap', engine.toFixed(1), spinning.toFixed(1));
    expect(engine).toBeLessThan(3);
    expect(spinning).toBeGreaterThan(8);
  });
});
