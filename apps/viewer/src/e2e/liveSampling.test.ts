import { EnergyModel, exportOnnx, OnnxEnergy } from '@ebm/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewerServer, type ViewerServer } from '../server/ViewerServer.js';
import { assertAppBuilt } from '../testing/builtApp.js';
import { launchChromium } from '../testing/chromium.js';
import { countAtLeast, gridFrom, writeGrid } from '../testing/grids.js';
import { decodePng, downloadScreenshot, openViewer, pickFiles, sampling, shownVoxelCount, tiles, waitReady } from '../testing/viewerPage.js';

/**
 * Live sampling in the page: a tiny voxel energy, exported with core's exportOnnx, opened by the viewer and run by
 * onnxruntime-web (wasm) with core's Langevin and the settings stored in the model. The energy the page shows is
 * checked against onnxruntime-node on the page's own chains.
 */

let dir: string;
let browser: Browser;
let server: ViewerServer;
let page: Page;
let modelFile: string;
const SIZE = 8;
/** Network units: occupancy·2 − 1 (stored as the model's normalisation). */
const NORMALISATION = { scale: 2, offset: -1 };
const SAMPLER = { name: 'langevin', options: { steps: 12, stepSize: 0.3, sigma: 1 } };
const start = gridFrom(SIZE, SIZE, SIZE, (d, h, w) => (d >= 2 && d < 6 && h < 5 && w >= 1 && w < 7 ? 1 : 0));

beforeAll(async () => {
  assertAppBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-sampling-'));
  const model = await EnergyModel.create(
    {
      input: [1, SIZE, SIZE, SIZE],
      layers: [
        { type: 'conv3d', outChannels: 4, kernel: 3, stride: 2, padding: 1 },
        { type: 'leakyRelu', alpha: 0.2 },
        { type: 'conv3d', outChannels: 2, kernel: 3, stride: 2, padding: 1 },
      ],
      referenceSigma: 1,
    },
    { seed: 3, threads: 1 },
  );
  modelFile = path.join(dir, 'tiny.onnx');
  writeFileSync(modelFile, exportOnnx(model, { domain: 'voxel', normalisation: NORMALISATION, sampler: SAMPLER }));
  await model.dispose();
  writeGrid(path.join(dir, 'start.npy'), start);
  browser = await launchChromium();
  server = await startViewerServer({ files: [modelFile, path.join(dir, 'start.npy')] });
  page = await openViewer(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The tile's pixels in the PNG screenshot. */
async function picture(): Promise<Uint8Array> {
  return (await decodePng(page, (await downloadScreenshot(page)).png)).data;
}

async function waitForStep(step: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.getElementById('sampling')!.dataset.step ?? -1) >= k, step, { timeout: 60_000 });
}

async function waitStopped(): Promise<void> {
  await page.waitForFunction(() => document.getElementById('sampling')!.dataset.running === '0', null, { timeout: 60_000 });
  await waitReady(page);
}

describe('live sampling of an exported model', () => {
  it("shows the model's size and the sampler settings from its metadata", async () => {
    expect(await page.isVisible('#sampling')).toBe(true);
    expect(await page.textContent('#model-name')).toBe('tiny.onnx');
    const info = (await page.textContent('#model-info')) ?? '';
    expect(info).toContain('8×8×8 grid');
    expect(info).toContain('langevin: steps 12, stepSize 0.3, sigma 1');
    expect(await page.inputValue('#sample-steps')).toBe('12');
    expect(await page.isChecked('#sample-clamp'), 'a voxel model keeps occupancy in [0, 1] by default').toBe(true);
    expect(await page.isHidden('#message')).toBe(true);
  });

  it('from noise: the picture and the energy change step by step, and the energy is the model’s', async () => {
    await page.fill('#sample-chains', '2');
    await page.selectOption('#sample-start', 'noise');
    await page.click('#sample-run');
    await waitForStep(0);
    await waitStopped();
    const end = await sampling(page);
    expect(end.step).toBe(12);
    expect(await page.textContent('#sample-step')).toBe('12 / 12');
    expect((await tiles(page)).map((t) => t.name)).toEqual(['chain 1', 'chain 2']);
    // Occupancy kept in [0, 1]: network units (occupancy·2 − 1) stay in [−1, 1], and the bound was needed.
    expect(Math.min(...end.x!)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...end.x!)).toBeLessThanOrEqual(1);
    expect(end.x!.filter((v) => v === -1 || v === 1).length).toBeGreaterThan(0);
    // The energy shown is onnxruntime-node's mean energy of the chains the page holds.
    const onnx = await OnnxEnergy.open(modelFile, { threads: 1 });
    const { energy } = await onnx.energyAndGrad(Float32Array.from(end.x!));
    await onnx.close();
    const mean = (energy[0] + energy[1]) / 2;
    expect(Math.abs(end.energy - mean)).toBeLessThan(1e-4 * Math.max(1, Math.abs(mean)));
    expect(Number(await page.textContent('#sample-energy'))).toBeCloseTo(mean, 1);
    // The energy curve has one point per step and moved.
    const points = ((await page.getAttribute('#energy-plot polyline', 'points')) ?? '').trim().split(' ');
    expect(points).toHaveLength(13);
    expect(new Set(points.map((p) => p.split(',')[1])).size).toBeGreaterThan(2);
  });

  it('from the loaded grid: 0 steps draw that grid; a long run moves away from it until Stop', async () => {
    await page.fill('#sample-chains', '1');
    await page.fill('#sample-steps', '0');
    await page.selectOption('#sample-start', 'grid');
    await page.click('#sample-run');
    await waitStopped();
    const first = await sampling(page);
    expect(first.step).toBe(0);
    // The start state is the grid in network units (occupancy·2 − 1), drawn as the grid.
    expect(first.x).toEqual(Array.from(start.data, (v) => v * 2 - 1));
    expect(await shownVoxelCount(page)).toBe(countAtLeast(start, 0.5));
    const before = await picture();
    const energyBefore = await page.textContent('#sample-energy');
    await page.fill('#sample-steps', '100000');
    await page.click('#sample-run');
    await waitForStep(6);
    const after = await picture();
    await page.click('#sample-stop');
    await waitStopped();
    const stopped = await sampling(page);
    expect(stopped.running).toBe(false);
    expect(stopped.step).toBeGreaterThanOrEqual(6);
    expect(stopped.step).toBeLessThan(100000);
    expect(await page.textContent('#sample-status')).toBe(`stopped at step ${stopped.step}, energy ${await page.textContent('#sample-energy')}`);
    expect(await page.textContent('#sample-energy')).not.toBe(energyBefore);
    let changed = 0;
    for (let i = 0; i < before.length; i += 4) if (Math.abs(before[i] - after[i]) + Math.abs(before[i + 1] - after[i + 1]) > 30) changed++;
    console.log(`live sampling: ${changed} pixels changed between step ${first.step} and step ≥ 6; stopped at step ${stopped.step}`);
    expect(changed).toBeGreaterThan(500);
    // After the stop nothing moves any more.
    await page.waitForTimeout(300);
    expect((await sampling(page)).step).toBe(stopped.step);
    // The drawn count is the thresholded chain.
    const occupancy = { shape: [1, SIZE, SIZE, SIZE] as [number, number, number, number], data: Float32Array.from(stopped.x!, (v) => (v + 1) / 2) };
    expect(await shownVoxelCount(page)).toBe(countAtLeast(occupancy, 0.5));
    // 'last chains' continues from where the run stopped.
    await page.fill('#sample-steps', '0');
    await page.selectOption('#sample-start', 'continue');
    await page.click('#sample-run');
    await waitStopped();
    expect((await sampling(page)).x).toEqual(stopped.x);
  });

  it('a model that is not a voxel energy, or not ONNX at all, gets a message naming it', async () => {
    const image = await EnergyModel.create({ input: [3, 8, 8], layers: [{ type: 'conv2d', outChannels: 2, kernel: 3 }] }, { seed: 1, threads: 1 });
    writeFileSync(path.join(dir, 'image.onnx'), exportOnnx(image, { domain: 'image' }));
    await image.dispose();
    writeFileSync(path.join(dir, 'junk.onnx'), 'not a protobuf');
    await pickFiles(page, [path.join(dir, 'image.onnx')]);
    expect(await page.textContent('#message')).toBe("image.onnx takes input [3, 8, 8], not a voxel grid [1, D, H, W]; the viewer samples voxel models");
    await pickFiles(page, [path.join(dir, 'junk.onnx')]);
    expect(await page.textContent('#message')).toMatch(/^junk\.onnx is not an ONNX model/);
    // The voxel model stays open.
    expect(await page.textContent('#model-name')).toBe('tiny.onnx');
  });
});
