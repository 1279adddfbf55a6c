import { defineConfig } from 'vite';

// The page: src/web → dist/app, served by ebm-viewer. onnxruntime-web is not bundled: the page imports it from
// /ort/ at run time, where the server serves it from node_modules (wasm included).
export default defineConfig({
  root: 'src/web',
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: '../../dist/app',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
