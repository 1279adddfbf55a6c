// Takes the README's screenshots with the viewer in headless Chromium: a voxelized real chair, a gallery of shapes
// sampled from a model learned on the real chairs, and a shape forming during live sampling in the page.
// The model comes from the voxel package's commands as a user runs them (voxelize, train, synthesize, export), kept
// in --work so a second run only takes the pictures.
// Run from the repository root:
//   pnpm --filter @ebm/viewer exec tsx scripts/readmeScreenshots.ts [--work /tmp/ebm-viewer-readme] [--iterations 150]
//     [--resolution 16]   (the model's grid side; 16 keeps training to minutes on two cores)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startViewerServer } from '../src/server/ViewerServer.js';
import { launchChromium } from '../src/testing/chromium.js';
import { openViewer } from '../src/testing/viewerPage.js';

const { values } = parseArgs({
  options: {
    work: { type: 'string', default: '/tmp/ebm-viewer-readme' },
    iterations: { type: 'string', default: '150' },
    resolution: { type: 'string', default: '16' },
    threads: { type: 'string', default: '2' },
  },
});
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const CHAIRS = path.resolve(REPO, '../shared/data/meshes/chairs');
const work = path.resolve(values.work!);
mkdirSync(work, { recursive: true });
mkdirSync(DOCS, { recursive: true });
const at = (f: string): string => path.join(work, f);

/** Runs `ebm-voxel …` from the repository root unless `output` exists already. */
function ebmVoxel(output: string, args: string[]): void {
  if (existsSync(output)) return;
  console.error(`ebm-voxel ${args.join(' ')}`);
  execFileSync('pnpm', ['exec', 'ebm-voxel', ...args], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
}

const threads = ['--threads', values.threads!];
ebmVoxel(at('armchair.npy'), ['voxelize', path.join(CHAIRS, 'armchair.obj'), '--resolution', '32', '--out', at('armchair.npy')]);
ebmVoxel(at('chairs.ebm'), ['train', '--data', CHAIRS, '--resolution', values.resolution!, '--iterations', values.iterations!, '--out', at('chairs.ebm'), ...threads]);
ebmVoxel(at('samples.npy'), ['synthesize', '--model', at('chairs.ebm'), '--count', '6', '--seed', '1', '--out', at('samples.npy'), ...threads]);
ebmVoxel(at('chairs.onnx'), ['export', '--model', at('chairs.ebm'), '--out', at('chairs.onnx')]);

const browser = await launchChromium();
const viewport = { width: 1100, height: 680 };
try {
  {
    const server = await startViewerServer({ files: [at('armchair.npy')] });
    const page = await openViewer(browser, server.url, viewport);
    await page.screenshot({ path: path.join(DOCS, 'grid.png') });
    await server.close();
  }
  {
    const server = await startViewerServer({ files: [at('samples.npy')] });
    const page = await openViewer(browser, server.url, viewport);
    await page.screenshot({ path: path.join(DOCS, 'gallery.png') });
    await server.close();
  }
  {
    const server = await startViewerServer({ files: [at('chairs.onnx')] });
    const page = await openViewer(browser, server.url, viewport);
    await page.fill('#sample-steps', '200');
    await page.click('#sample-run');
    // Taken while the chain runs: the shape half-formed, the step count and the energy curve so far.
    await page.waitForFunction(() => Number(document.getElementById('sampling')!.dataset.step ?? -1) >= 60, null, { timeout: 600_000 });
    await page.screenshot({ path: path.join(DOCS, 'live-sampling.png') });
    await page.click('#sample-stop');
    await page.waitForFunction(() => document.getElementById('sampling')!.dataset.running === '0');
    await server.close();
  }
} finally {
  await browser.close();
}
console.error(`wrote ${['grid.png', 'gallery.png', 'live-sampling.png'].map((f) => path.join(DOCS, f)).join(', ')}`);
