/** The onnxruntime-web module type (types only; the code comes from the server at run time). */
export type Ort = typeof import('onnxruntime-web');

/** Where the server serves onnxruntime-web's wasm build (see src/server/ortFiles.ts). */
const ORT_MODULE = '/ort/ort.wasm.min.mjs';

let ort: Promise<Ort> | undefined;

/**
 * Loads onnxruntime-web (wasm) once, from this server rather than a CDN or the bundle: the page works offline and
 * the 14 MB wasm binary is fetched only when a model is opened.
 */
export function loadOrt(): Promise<Ort> {
  ort ??= (import(/* @vite-ignore */ ORT_MODULE) as Promise<Ort>).then((m) => {
    m.env.wasm.wasmPaths = '/ort/';
    return m;
  });
  return ort;
}
