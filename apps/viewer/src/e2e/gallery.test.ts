import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewerServer, type ViewerServer } from '../server/ViewerServer.js';
import { assertAppBuilt } from '../testing/builtApp.js';
import { launchChromium } from '../testing/chromium.js';
import { countAtLeast, gridFrom, letterF, projectAlongW, writeGrid, type GridBatch } from '../testing/grids.js';
import { canvasOrigin, decodePng, downloadScreenshot, openViewer, pickFiles, project, shownVoxelCount, tiles, waitReady } from '../testing/viewerPage.js';
import { writeBoxGlb } from '../testing/meshFiles.js';

/**
 * The viewer page in a real headless Chromium (WebGL through SwiftShader): what it draws is checked against the
 * grids it was given, from its PNG screenshot, its drawn-voxel count and its gallery.
 */

let dir: string;
let browser: Browser;
const servers: ViewerServer[] = [];

/** Background colour of a tile (src/web/gallery/Tile.ts), as the screenshot shows it. */
const BACKGROUND = [0x1d, 0x20, 0x26];

function isBackground(px: Uint8Array, i: number): boolean {
  return Math.max(Math.abs(px[i] - BACKGROUND[0]), Math.abs(px[i + 1] - BACKGROUND[1]), Math.abs(px[i + 2] - BACKGROUND[2])) < 24;
}

async function serve(files: string[]): Promise<ViewerServer> {
  const s = await startViewerServer({ files });
  servers.push(s);
  return s;
}

const file = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  assertAppBuilt();
  dir = mkdtempSync(path.join(tmpdir(), 'ebm-viewer-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One page for the whole file (each new page compiles its shaders again, slow in SwiftShader). */
let page: Page;
const letter = letterF();

describe('a known grid, given on the command line', () => {
  beforeAll(async () => {
    writeGrid(file('letter.npy'), letter);
    page = await openViewer(browser, (await serve([file('letter.npy')])).url);
  });

  it('the PNG screenshot, looking down z orthographically, has object pixels exactly where the projection has cells', async () => {
    await page.selectOption('#projection', 'orthographic');
    await page.click('button[data-view="z"]');
    await waitReady(page);
    const { png, name } = await downloadScreenshot(page);
    expect(name).toBe('ebm-viewer-letter.png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const img = await decodePng(page, png);
    const canvas = await canvasOrigin(page);
    expect([img.width, img.height]).toEqual([Math.round(canvas.width), Math.round(canvas.height)]);

    // Screen positions of the grid's corners; orthographic, so cells map linearly.
    const [, D, H] = letter.shape;
    const o = await project(page, 0, [0, 0, 6]);
    const e = await project(page, 0, [D, H, 6]);
    const cellW = (e.x - o.x) / D;
    const cellH = (o.y - e.y) / H;
    expect(cellW, 'x = d runs to the right').toBeGreaterThan(8);
    expect(cellH, 'y = h runs up').toBeGreaterThan(8);
    const filled = projectAlongW(letter);
    let checked = 0;
    let wrong = 0;
    const margin = 2; // pixels next to cell edges are antialiased either way
    for (let y = Math.floor(e.y - 2 * cellH); y < o.y + 2 * cellH; y++) {
      for (let x = Math.floor(o.x - 2 * cellW); x < e.x + 2 * cellW; x++) {
        const u = (x + 0.5 - o.x) / cellW;
        const v = (o.y - (y + 0.5)) / cellH;
        if (Math.abs(u - Math.round(u)) * cellW < margin || Math.abs(v - Math.round(v)) * cellH < margin) continue;
        const d = Math.floor(u);
        const h = Math.floor(v);
        const expected = d >= 0 && d < D && h >= 0 && h < H && filled[d][h];
        const px = ((y - Math.round(canvas.top)) * img.width + (x - Math.round(canvas.left))) * 4;
        checked++;
        if (!isBackground(img.data, px) !== expected) wrong++;
      }
    }
    const cells = filled.flat().filter(Boolean).length;
    console.log(`screenshot vs projection: ${wrong} of ${checked} pixels differ (${cells} of ${D * H} cells filled)`);
    expect(checked).toBeGreaterThan(10_000);
    expect(wrong / checked).toBeLessThan(0.005);
  });

  it('shows its drawn-voxel count; slicing along x keeps the cells with d below the cut', async () => {
    expect(await shownVoxelCount(page)).toBe(countAtLeast(letter, 0.5));
    await page.selectOption('#slice-axis', 'x');
    await page.locator('#slice-position').fill('0.25');
    await waitReady(page);
    expect(await shownVoxelCount(page)).toBe(countAtLeast(letter, 0.5, 0, 3));
    await page.selectOption('#slice-axis', 'none');
    await waitReady(page);
    expect(await shownVoxelCount(page)).toBe(countAtLeast(letter, 0.5));
  });

  it('draws an isosurface too (same drawn count, triangles on screen)', async () => {
    await page.selectOption('#mode', 'surface');
    await waitReady(page);
    const [t] = await tiles(page);
    expect(t.drawnVoxels).toBe(countAtLeast(letter, 0.5));
    expect(t.triangles).toBeGreaterThan(100);
    const img = await decodePng(page, (await downloadScreenshot(page)).png);
    let object = 0;
    for (let i = 0; i < img.data.length; i += 4) if (!isBackground(img.data, i)) object++;
    expect(object).toBeGreaterThan(2000);
    await page.selectOption('#mode', 'cubes');
    await page.selectOption('#projection', 'perspective');
    await page.click('button[data-view="iso"]');
  });
});

describe('a float grid and the threshold slider', () => {
  it('the drawn count follows the slider as the grid says', async () => {
    // Occupancy falls off with the distance from the centre: every threshold draws a different ball.
    const grid = gridFrom(16, 16, 16, (d, h, w) => Math.max(0, 1 - Math.hypot(d - 7.5, h - 7.5, w - 7.5) / 9));
    writeGrid(file('soft.npy'), grid);
    await pickFiles(page, [file('soft.npy')]);
    const seen = new Set<number>();
    for (const t of [0.5, 0.2, 0.35, 0.8, 0.95]) {
      await page.locator('#threshold').fill(String(t));
      await waitReady(page);
      const expected = countAtLeast(grid, t);
      expect(await shownVoxelCount(page), `threshold ${t}`).toBe(expected);
      expect(await page.textContent('#threshold-value')).toBe(t.toFixed(2));
      seen.add(expected);
    }
    expect(seen.size).toBe(5);
    await page.locator('#threshold').fill('0.5');
  });
});

describe('several grids and files', () => {
  it('a batch [6, D, H, W] becomes a gallery of 6 tiles, each drawing its own grid', async () => {
    const batch: GridBatch = { shape: [6, 10, 10, 10], data: new Float32Array(6000) };
    // Sample i holds a box of side i + 2: six different counts.
    for (let i = 0; i < 6; i++) for (let d = 0; d < i + 2; d++) for (let h = 0; h < i + 2; h++) for (let w = 0; w < i + 2; w++) batch.data[i * 1000 + (d * 10 + h) * 10 + w] = 1;
    writeGrid(file('samples.npy'), batch);
    await pickFiles(page, [file('samples.npy')]);
    const t = await tiles(page);
    expect(t.map((x) => x.name)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `samples.npy [${i}]`));
    expect(t.map((x) => x.drawnVoxels)).toEqual([0, 1, 2, 3, 4, 5].map((i) => (i + 2) ** 3));
    expect(await page.locator('.tile').count()).toBe(6);
    expect(await shownVoxelCount(page)).toBe([2, 3, 4, 5, 6, 7].reduce((s, k) => s + k ** 3, 0));
    // Every tile has its box drawn at its own place in the screenshot.
    const img = await decodePng(page, (await downloadScreenshot(page)).png);
    const canvas = await canvasOrigin(page);
    const centres = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const c = await project(page, i, [(i + 2) / 2, (i + 2) / 2, (i + 2) / 2]);
      centres.add(`${Math.round(c.x)},${Math.round(c.y)}`);
      const px = (Math.round(c.y - canvas.top) * img.width + Math.round(c.x - canvas.left)) * 4;
      expect(isBackground(img.data, px), `tile ${i} centre`).toBe(false);
    }
    expect(centres.size).toBe(6);
  });

  it('opens several files from the picker side by side, and files dropped on the page', async () => {
    await pickFiles(page, [file('letter.npy'), file('soft.npy')]);
    expect((await tiles(page)).map((x) => x.name)).toEqual(['letter.npy', 'soft.npy']);
    const bytes = readFileSync(file('samples.npy')).toString('base64');
    await page.evaluate((b64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'dropped.npy'));
      document.getElementById('view')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 6);
    await waitReady(page);
    expect((await tiles(page)).map((x) => x.name)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `dropped.npy [${i}]`));
  });

  it('a file it cannot read: a readable message naming it, the gallery kept', async () => {
    writeFileSync(file('garbage.npy'), 'this is not numpy');
    await pickFiles(page, [file('garbage.npy')]);
    expect(await page.isVisible('#message')).toBe(true);
    expect(await page.textContent('#message')).toMatch(/^garbage\.npy\b.{10,}/);
    expect(await page.locator('.tile').count()).toBe(6);
  });
});

describe('every kind of file from the command line, bad ones among them', () => {
  it('shows .npy, .binvox, .vox, .obj, .off, .stl and .glb side by side, and names each bad file in the message', async () => {
    const box = gridFrom(8, 8, 8, (d, h, w) => (d < 5 && h < 3 && w < 4 ? 1 : 0));
    writeGrid(file('box.npy'), box);
    writeGrid(file('box.binvox'), box);
    writeGrid(file('box.vox'), box);
    writeFileSync(file('tetra.obj'), 'v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n');
    writeFileSync(file('tetra.off'), 'OFF\n4 4 0\n0 0 0\n1 0 0\n0 1 0\n0 0 1\n3 0 2 1\n3 0 1 3\n3 0 3 2\n3 1 2 3\n');
    writeFileSync(file('tri.stl'), 'solid t\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid t\n');
    await writeBoxGlb(file('box.glb'));
    writeFileSync(file('broken.binvox'), '#binvox 1\ndim 4 4 4\ntranslate 0 0 0\nscale 1\ndata\n\x01');
    writeFileSync(file('empty.glb'), Buffer.from('glTF'));
    const good = ['box.npy', 'box.binvox', 'box.vox', 'tetra.obj', 'tetra.off', 'tri.stl', 'box.glb'];
    const bad = ['broken.binvox', 'garbage.npy', 'empty.glb'];
    const p = await openViewer(browser, (await serve([...good, ...bad].map(file))).url);
    const t = await tiles(p);
    expect(t.map((x) => x.name)).toEqual(good);
    expect(t.slice(0, 3).map((x) => x.drawnVoxels)).toEqual([60, 60, 60]);
    expect(t.slice(3).map((x) => [x.kind, x.triangles])).toEqual([
      ['mesh', 4],
      ['mesh', 4],
      ['mesh', 1],
      ['mesh', 12],
    ]);
    const lines = ((await p.textContent('#message')) ?? '').split('\n');
    expect(lines).toHaveLength(3);
    bad.forEach((name, i) => expect(lines[i].startsWith(name), lines[i]).toBe(true));
    await p.close();
  });
});
