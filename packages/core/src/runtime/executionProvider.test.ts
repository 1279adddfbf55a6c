import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { EnergyModel } from './EnergyModel.js';
import { RuntimeError } from './RuntimeError.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';

const spec: NetworkSpec = { input: [1, 4, 4], layers: [{ type: 'conv2d', outChannels: 2, kernel: 3 }] };

describe('execution providers', () => {
  it("an unknown provider is refused with the list of available ones and the fix", async () => {
    const err = await EnergyModel.create(spec, { executionProvider: 'tpu' as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/execution provider 'tpu' is not available .*\(available: cpu.*\); use --ep cpu/);
  });

  it("cuda without its provider library is refused up front, with the reason and the fix", async () => {
    const cuda = ort.listSupportedBackends().find((b) => b.name === 'cuda');
    const result = await EnergyModel.create(spec, { executionProvider: 'cuda' }).catch((e: unknown) => e);
    if (result instanceof EnergyModel) {
      // A machine with the CUDA provider installed: the model must then actually run there.
      const e = await result.energy(new Float32Array(16)).catch((x: unknown) => x);
      expect(e instanceof Float32Array || (e instanceof RuntimeError && /could not open .* on 'cuda'/.test(e.message))).toBe(true);
      await result.dispose();
    } else {
      expect(result).toBeInstanceOf(RuntimeError);
      expect((result as Error).message).toMatch(
        cuda ? /execution provider 'cuda' is not installed: .*use --ep cpu/ : /execution provider 'cuda' is not available/,
      );
    }
  });

  it('cpu runs', async () => {
    const m = await EnergyModel.create(spec, { executionProvider: 'cpu', threads: 1 });
    const e = await m.energy(new Float32Array(2 * 16).fill(0.5));
    expect(e.length).toBe(2);
    expect(e[0]).toBeCloseTo(e[1], 6);
    await m.dispose();
  });
});
