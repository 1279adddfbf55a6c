import type * as ort from 'onnxruntime-node';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * `minBytes`: output bytes of earlier graph runs from which the next run first asks V8 for a
 * young-generation collection (Infinity turns recycling off); below it a collection costs more than the
 * page faults it saves. `collections`: how many it has asked for in this process.
 */
export const OUTPUT_RECYCLING = { minBytes: 1 << 20, collections: 0 };

let pendingBytes = 0;
let minorGc: ((opts: { type: 'minor' }) => void) | null | undefined;

/**
 * Records the bytes of a run's outputs [B], which onnxruntime-node hands back in fresh ArrayBuffers.
 * V8 frees those only at its next collection, so until then every run's outputs take new pages from
 * malloc; on virtual machines a page fault costs ~10–20 µs (measured: 384 faults, ~6 ms, per texture
 * Langevin step; 768, ~10 ms, per video step), and glibc's default malloc hands big blocks back to the
 * kernel on free, so the faults recur on every run.
 */
function noteOutputBytes(bytes: number): void {
  pendingBytes += bytes;
}

/**
 * Before a run: when the outputs of earlier runs add up to {@link OUTPUT_RECYCLING}'s `minBytes` or more, runs a
 * young-generation collection so those buffers (dead once the caller has read them) return to malloc
 * and the new outputs reuse their pages. A buffer a caller still holds survives and is not touched.
 * Does nothing where V8 does not let the collector be called.
 */
function recycleOutputs(): void {
  if (pendingBytes < OUTPUT_RECYCLING.minBytes) return;
  pendingBytes = 0;
  const gc = collector();
  if (!gc) return;
  gc({ type: 'minor' });
  OUTPUT_RECYCLING.collections++;
}

/** V8's `gc` function: the global one under --expose-gc, else one made available for this process. */
function collector(): ((opts: { type: 'minor' }) => void) | null {
  if (minorGc !== undefined) return minorGc;
  const global = (globalThis as { gc?: (opts: { type: 'minor' }) => void }).gc;
  if (typeof global === 'function') return (minorGc = global);
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    v8.setFlagsFromString('--no-expose-gc');
    minorGc = typeof fn === 'function' ? (fn as (opts: { type: 'minor' }) => void) : null;
  } catch {
    minorGc = null;
  }
  return minorGc;
}

/**
 * `session.run(feeds)` between {@link recycleOutputs} and {@link noteOutputBytes}: for sessions whose outputs are
 * large and read once (E and dE/dx of a batch, parameter gradients).
 */
export async function runRecyclingOutputs(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
  return withRecycledOutputs(
    () => session.run(feeds),
    (out) => Object.values(out).reduce((a, t) => a + (t.data as Float32Array).byteLength, 0),
  );
}

/**
 * The same for any engine run: {@link recycleOutputs}, then `run` (which allocates its fresh output arrays and
 * fills them), then {@link noteOutputBytes} with `bytes` of its result.
 */
export async function withRecycledOutputs<T>(run: () => Promise<T>, bytes: (result: T) => number): Promise<T> {
  recycleOutputs();
  const out = await run();
  noteOutputBytes(bytes(out));
  return out;
}
