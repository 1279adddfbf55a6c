import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** net, x [N·D], w [N] | null, energy [N] (out), dE/dx [N·D] (out) | null, Σ w dE/dθ [θ] (out) | null, threads. */
export type OneDnnRunArgs = [
  net: object,
  x: Float32Array,
  w: Float32Array | null,
  energy: Float32Array,
  gradX: Float32Array | null,
  gradTheta: Float32Array | null,
  threads: number,
];

/** The native binding built from packages/core/native (ebm_dnnl.cc); see {@link loadOneDnn}. */
export interface OneDnnAddon {
  /** Builds a network from {@link nativeProgram}'s encoding; throws when oneDNN cannot. */
  create(program: Float64Array): object;
  /** Copies θ's weights into the network's own formats. */
  setParams(net: object, theta: Float32Array): void;
  /** E [N], and dE/dx or Σₙ wₙ ∂Eₙ/∂θ when given, on a libuv worker thread with `threads` oneDNN threads. */
  run(...args: OneDnnRunArgs): Promise<void>;
  /** {@link OneDnnAddon.run} on the calling thread, returning when done. */
  runSync(...args: OneDnnRunArgs): void;
  /** The oneDNN implementation of each conv and linear primitive ('L2 fwd: jit:avx512_core'). */
  implementations(net: object): string[];
  /** Times every part of the net's following runs. */
  setProfiling(net: object, on: boolean): void;
  /** The timed parts of the last run, in order: layer and direction ('L2.conv3d+L3.leakyRelu.bwd'), what ran, ms. */
  lastProfile(net: object): { layer: string; what: string; ms: number }[];
}

/** Where `node packages/core/native/build.mjs` writes the addon (the same path from src/ and dist/). */
export const ONEDNN_ADDON_PATH = fileURLToPath(new URL('../../native/build/ebm_dnnl.node', import.meta.url));

let loaded: { addon: OneDnnAddon } | { reason: string } | undefined;

/**
 * The oneDNN addon, loaded once, or the reason it is unavailable (not built: oneDNN's headers were missing at build
 * time, or its library is missing now). The engine falls back to onnxruntime then.
 */
export function loadOneDnn(): { addon: OneDnnAddon } | { reason: string } {
  if (loaded) return loaded;
  if (!fs.existsSync(ONEDNN_ADDON_PATH)) {
    loaded = { reason: `the oneDNN addon is not built (${ONEDNN_ADDON_PATH}); run \`bash scripts/setup.sh\`, which installs libdnnl-dev and builds it` };
    return loaded;
  }
  // libgomp's workers sleep soon after a run instead of spinning for a core the JavaScript and onnxruntime need.
  process.env.OMP_WAIT_POLICY ??= 'passive';
  try {
    loaded = { addon: createRequire(import.meta.url)(ONEDNN_ADDON_PATH) as OneDnnAddon };
  } catch (e) {
    loaded = { reason: `the oneDNN addon did not load (${(e as Error).message.split('\n')[0]}); reinstall libdnnl2 or rebuild with \`bash scripts/setup.sh\`` };
  }
  return loaded;
}
