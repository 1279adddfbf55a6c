// Test harness: a viewer page in headless Chromium, its inspection API, its screenshot and its pixels.
import type { Browser, Page } from 'playwright-core';
import type { ViewerInspection } from '../web/inspection.js';

/** Pixels of an image, RGBA rows top to bottom. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Opens the viewer at `url` in a fresh page (device scale 1) and waits until it has opened its files. */
export async function openViewer(browser: Browser, url: string, viewport = { width: 900, height: 640 }): Promise<Page> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The server's content security policy must not block anything the page does.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  await waitReady(page);
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  return page;
}

/** Waits until the page is not loading files any more and has drawn a frame. */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

type Api = ViewerInspection;
const api = (): Api => (window as unknown as { ebmViewer: Api }).ebmViewer;

/** `window.ebmViewer.tiles()` (see src/web/inspection.ts). */
export function tiles(page: Page): Promise<ReturnType<Api['tiles']>> {
  return page.evaluate(`(${api})().tiles()`) as Promise<ReturnType<Api['tiles']>>;
}

/** `window.ebmViewer.project(index, point)`: page coordinates of a point of a tile's content. */
export function project(page: Page, index: number, point: [number, number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate(`(${api})().project(${index}, ${JSON.stringify(point)})`) as Promise<{ x: number; y: number }>;
}

/** `window.ebmViewer.sampling()`: live sampling's state and chains. */
export function sampling(page: Page): Promise<ReturnType<Api['sampling']>> {
  return page.evaluate(`(${api})().sampling()`) as Promise<ReturnType<Api['sampling']>>;
}

/** Clicks Screenshot and returns the PNG the browser downloads, with its suggested file name. */
export async function downloadScreenshot(page: Page): Promise<{ png: Buffer; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#screenshot')]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { png: Buffer.concat(chunks), name: download.suggestedFilename() };
}

/** Decodes a PNG with the browser's own decoder (no PNG code of ours) into RGBA pixels. */
export async function decodePng(page: Page, png: Buffer): Promise<Pixels> {
  const r = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: bitmap.width, height: bitmap.height, b64: btoa(s) };
  }, png.toString('base64'));
  return { width: r.width, height: r.height, data: new Uint8Array(Buffer.from(r.b64, 'base64')) };
}

/** The canvas's position on the page (CSS px), to turn page coordinates into screenshot pixels. */
export function canvasOrigin(page: Page): Promise<{ left: number; top: number; width: number; height: number }> {
  return page.evaluate(() => {
    const r = document.getElementById('canvas')!.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  });
}

/** Opens files through the page's file picker (the Open… button's input). */
export async function pickFiles(page: Page, files: string[]): Promise<void> {
  await page.setInputFiles('#file-input', files);
  await waitReady(page);
}

/** The drawn-voxel count the toolbar shows (its data attribute mirrors the text). */
export async function shownVoxelCount(page: Page): Promise<number> {
  const text = (await page.textContent('#drawn')) ?? '';
  const m = /drawn voxels: ([\d,]+)/.exec(text);
  if (!m) throw new Error(`the toolbar shows no voxel count: '${text}'`);
  return Number(m[1].replace(/,/g, ''));
}
