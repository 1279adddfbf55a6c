import type { ResolvedNetwork } from '../spec/resolveNetwork.js';
import type { ExecutionOptions } from './ExecutionOptions.js';
import { nativeUnsupported } from './nativeProgram.js';
import { loadOneDnn, type OneDnnAddon } from './oneDnnAddon.js';
import { RuntimeError } from './RuntimeError.js';

/**
 * Which engine runs a network's energy and gradients:
 * - 'onednn': oneDNN's convolution kernels (forward, input and weight gradients) through packages/core's native addon;
 * - 'onnx': the compiled ONNX graphs on onnxruntime-node (any execution provider; the export format);
 * - 'auto' (default): 'onednn' on the CPU provider when the addon is built and the network is one it runs
 *   (conv, linear, flatten and pointwise layers with a sum or mean readout), else 'onnx'.
 * The environment variable EBM_ENGINE sets the default for options that name none.
 */
export type Engine = 'auto' | 'onnx' | 'onednn';

/** The accepted values of {@link Engine}. */
export const ENGINES: readonly Engine[] = ['auto', 'onnx', 'onednn'];

/** The engine the options ask for: theirs, else EBM_ENGINE, else 'auto'. Throws on an unknown name. */
export function requestedEngine(opts: ExecutionOptions): Engine {
  const fromEnv = process.env.EBM_ENGINE;
  const e = opts.engine ?? (fromEnv === undefined || fromEnv === '' ? 'auto' : fromEnv);
  if (!ENGINES.includes(e as Engine)) {
    const where = opts.engine !== undefined ? 'engine option' : 'EBM_ENGINE';
    throw new RuntimeError(`${where} '${e}' is not an engine; use one of ${ENGINES.join(', ')}`);
  }
  return e as Engine;
}

/**
 * The oneDNN addon when it should run `net` under `opts`, null when onnxruntime should. An explicit 'onednn' that
 * cannot be honoured (another execution provider, the addon not built, an unsupported network) is a RuntimeError
 * saying why and what to do.
 */
export function chooseOneDnn(opts: ExecutionOptions, net?: ResolvedNetwork): OneDnnAddon | null {
  const engine = requestedEngine(opts);
  if (engine === 'onnx') return null;
  const explicit = engine === 'onednn';
  const ep = opts.executionProvider ?? 'cpu';
  if (ep !== 'cpu') {
    if (explicit) throw new RuntimeError(`engine 'onednn' runs on the CPU only, not with execution provider '${ep}'; use engine 'onnx' or --ep cpu`);
    return null;
  }
  const loaded = loadOneDnn();
  if ('reason' in loaded) {
    if (explicit) throw new RuntimeError(`engine 'onednn': ${loaded.reason}; or use engine 'onnx'`);
    return null;
  }
  const why = net ? nativeUnsupported(net) : null;
  if (why) {
    if (explicit) throw new RuntimeError(`engine 'onednn' cannot run a network with ${why}; use engine 'onnx' (or 'auto')`);
    return null;
  }
  return loaded.addon;
}
