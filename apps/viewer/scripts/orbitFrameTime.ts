// Measures how fast the viewer orbits a 64³ grid with tens of thousands of filled voxels in headless Chromium
// (WebGL through SwiftShader, i.e. on the CPU): milliseconds to draw a frame while the camera turns once around
// (window.ebmViewer.orbitBenchmark: render and a pixel read-back, no input), and the time to rebuild the mesh
// when the threshold moves. Run: pnpm --filter @ebm/viewer exec tsx scripts/orbitFrameTime.ts [--size 64] [--frames 60]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startViewerServer } from '../src/server/ViewerServer.js';
import { launchChromium } from '../src/testing/chromium.js';
import { countAtLeast, gridFrom, writeGrid } from '../src/testing/grids.js';
import { openViewer, waitReady } from '../src/testing/viewerPage.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '64' }, frames: { type: 'string', default: '60' } } });
const R = Number(values.size);
const frames = Number(values.frames);
const dir = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-orbit-'));
// A thick torus with a bumpy, value-graded surface: solid inside, many exposed faces, a float grid.
const grid = gridFrom(R, R, R, (d, h, w) => {
  const x = (d + 0.5) / R - 0.5;
  const y = (h + 0.5) / R - 0.5;
  const z = (w + 0.5) / R - 0.5;
  const ring = Math.hypot(Math.hypot(x, z) - 0.28, y);
  const bumps = 0.02 * Math.sin(31 * x) * Math.sin(27 * y) * Math.sin(23 * z);
  return Math.min(1, Math.max(0, (0.16 + bumps - ring) * 12 + 0.5));
});
const file = path.join(dir, `torus${R}.npy`);
writeGrid(file, grid);
const server = await startViewerServer({ files: [file] });
const browser = await launchChromium();
try {
  const page = await openViewer(browser, server.url, { width: 1280, height: 800 });
  await waitReady(page);
  await page.evaluate((n) => (window as unknown as { ebmViewer: { orbitBenchmark(n: number): number } }).ebmViewer.orbitBenchmark(n), 5); // warm-up
  const orbitMs = await page.evaluate((n) => (window as unknown as { ebmViewer: { orbitBenchmark(n: number): number } }).ebmViewer.orbitBenchmark(n), frames);
  const rebuild: number[] = [];
  for (const t of [0.3, 0.6, 0.45, 0.5]) {
    const s = Date.now();
    await page.locator('#threshold').fill(String(t));
    await waitReady(page);
    rebuild.push(Date.now() - s);
  }
  const voxels = countAtLeast(grid, 0.5);
  const drawn = await page.evaluate(() => (window as unknown as { ebmViewer: { tiles(): { triangles: number }[] } }).ebmViewer.tiles()[0].triangles);
  console.log(
    `${R}³ grid, ${voxels} voxels ≥ 0.5, ${drawn} triangles (culled cubes), 1280×800 window: ` +
      `${orbitMs.toFixed(1)} ms per orbit frame (${(1000 / orbitMs).toFixed(1)} frames/s); ` +
      `threshold change (mesh rebuild + 2 frames): ${rebuild.map((r) => r.toFixed(0)).join(', ')} ms`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
