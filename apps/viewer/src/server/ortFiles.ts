import { createRequire } from 'node:module';
import path from 'node:path';

/** URL prefix under which the page loads onnxruntime-web (its script, its wasm glue and the wasm binary). */
export const ORT_PREFIX = '/ort/';

/** The onnxruntime-web files the page needs: the wasm-only ES module build and what it loads at run time. */
const ORT_FILES = ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'] as const;

/**
 * URL → file for onnxruntime-web, served from its installed package (the machine may be offline, so no CDN).
 * A fixed table: only these exact URLs map to files.
 */
export function ortFileTable(): ReadonlyMap<string, string> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
  return new Map(ORT_FILES.map((f) => [`${ORT_PREFIX}${f}`, path.join(dist, f)]));
}
