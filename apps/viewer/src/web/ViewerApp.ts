import { Stage, type ViewDirection } from './gallery/Stage.js';
import { Tile } from './gallery/Tile.js';
import { loadFile } from './loading/loadFile.js';
import type { LoadedItem, ModelFile } from './loading/LoadedItem.js';
import { ExportedModel } from './sampling/ExportedModel.js';
import { runLiveSampling, type SamplingRun } from './sampling/liveSampling.js';
import { SamplingPanel, formatEnergy, type SamplingChoice } from './sampling/SamplingPanel.js';
import { byId } from './ui/byId.js';
import { MessageBar } from './ui/MessageBar.js';
import { voxelObject } from './voxels/voxelObject.js';
import type { VoxelGrid } from './voxels/VoxelGrid.js';
import type { VoxelView } from './voxels/VoxelView.js';

/** A file's name and bytes, from the picker, a drop or the server's list. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** One tile's item and what was drawn for it. */
interface Entry {
  item: LoadedItem;
  tile: Tile;
  drawnVoxels: number;
  triangles: number;
  /** The grid changed (a sampling step) or the view did: rebuild before the next frame. */
  dirty: boolean;
}

/** What sampling is doing, for the panel and for scripts. */
interface SamplingState {
  running: boolean;
  step: number;
  energy: number;
  /** Chains [N·D] in network units, live. */
  x?: Float32Array;
}

const integer = new Intl.NumberFormat('en');

/**
 * The viewer page: files in (picker, drop, the server's list), the gallery of grids and meshes drawn by the shared
 * view settings, the screenshot, and live sampling of an opened model.
 */
export class ViewerApp {
  readonly stage: Stage;
  readonly messages = new MessageBar(byId('message'));
  readonly view: VoxelView = { threshold: 0.5, mode: 'cubes', slice: 'none', slicePosition: 0.5 };
  private entries: Entry[] = [];
  private readonly panel: SamplingPanel;
  private model: ExportedModel | undefined;
  /** Grids read from files (not sampling chains): what 'start from a loaded grid' uses. */
  private loadedGrids: { name: string; grid: VoxelGrid }[] = [];
  private run: SamplingRun | undefined;
  readonly sampling: SamplingState = { running: false, step: 0, energy: NaN };

  constructor() {
    this.stage = new Stage(byId('canvas'), byId('gallery'));
    this.stage.onBeforeRender(() => this.rebuildDirty());
    this.panel = new SamplingPanel({ start: (c) => void this.startSampling(c), stop: () => this.run?.stop() });
  }

  /** The tiles' items and what each drew. */
  get tiles(): readonly Entry[] {
    return this.entries;
  }

  /**
   * Opens files: grids and meshes replace the gallery, an .onnx opens for sampling, failures are listed. The page
   * state is 'loading' from the call until they are shown, including while a picked or dropped file list is
   * still being read (so a script that waits for 'ready' after picking files never sees the old gallery).
   */
  async openFiles(list: readonly NamedBytes[] | Promise<readonly NamedBytes[]>): Promise<void> {
    const before = document.documentElement.dataset.state;
    document.documentElement.dataset.state = 'loading';
    const files = await list;
    if (files.length === 0) {
      document.documentElement.dataset.state = before;
      return;
    }
    const errors: string[] = [];
    const items: LoadedItem[] = [];
    let model: ModelFile | undefined;
    for (const f of files) {
      try {
        const r = await loadFile(f.name, f.bytes);
        if (r.kind === 'items') items.push(...r.items);
        else model = r.model;
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (items.length > 0) {
      await this.stopSampling();
      this.showItems(items);
      this.loadedGrids = items.flatMap((i) => (i.kind === 'grid' ? [{ name: i.name, grid: i.grid }] : []));
    }
    if (model) {
      try {
        await this.openModel(model);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (errors.length > 0) this.messages.error(errors);
    else this.messages.clear();
    this.updateGridStart();
    document.documentElement.dataset.state = 'ready';
  }

  /** Replaces the gallery with these items, one tile each. */
  showItems(items: readonly LoadedItem[]): void {
    this.entries = items.map((item) => ({ item, tile: new Tile(item.name), drawnVoxels: 0, triangles: 0, dirty: true }));
    for (const e of this.entries) {
      if (e.item.kind === 'mesh') {
        e.tile.setContent(e.item.object, e.item.bounds);
        e.triangles = e.item.triangles;
        e.tile.setDetail(`${integer.format(e.triangles)} triangles`);
        e.dirty = false;
      }
    }
    byId('hint').hidden = items.length > 0;
    this.stage.setTiles(this.entries.map((e) => e.tile));
    this.rebuildDirty();
    this.updateCounts();
  }

  /** Changes the view settings and redraws every grid. */
  setView(change: Partial<VoxelView>): void {
    Object.assign(this.view, change);
    for (const e of this.entries) if (e.item.kind === 'grid') e.dirty = true;
    this.rebuildDirty();
    this.updateCounts();
    this.stage.requestRender();
  }

  lookFrom(direction: ViewDirection): void {
    this.stage.view(direction);
  }

  /** Cells drawn in all grid tiles. */
  drawnVoxels(): number {
    return this.entries.reduce((s, e) => s + e.drawnVoxels, 0);
  }

  /** Saves the canvas as a PNG file through the browser's download. */
  async saveScreenshot(): Promise<void> {
    const blob = await this.stage.toPng();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const first = this.entries[0]?.item.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') ?? 'view';
    a.download = `ebm-viewer-${first}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  private async openModel(file: ModelFile): Promise<void> {
    await this.stopSampling();
    const model = await ExportedModel.open(file.name, file.bytes);
    await this.model?.release();
    this.model = model;
    this.panel.showModel(model);
  }

  private updateGridStart(): void {
    this.panel.setStartChoices(this.gridForModel()?.name, this.sampling.x !== undefined);
  }

  /** The first grid read from a file with the model's shape, if any. */
  private gridForModel(): { name: string; grid: VoxelGrid } | undefined {
    const m = this.model;
    if (!m) return undefined;
    const [, D, H, W] = m.inputShape;
    return this.loadedGrids.find(({ grid: g }) => g.shape[0] === D && g.shape[1] === H && g.shape[2] === W);
  }

  private async startSampling(choice: SamplingChoice): Promise<void> {
    const model = this.model;
    if (!model || this.run) return;
    const size = model.sampleSize;
    let start: Float32Array | undefined;
    let chains = choice.chains;
    if (choice.start === 'grid') {
      const grid = this.gridForModel()?.grid;
      if (!grid) {
        this.messages.error([`no open grid has the model's size ${model.inputShape.slice(1).join('×')}; open one or start from noise`]);
        return;
      }
      start = new Float32Array(chains * size);
      const one = model.fromOccupancy(grid.data);
      for (let c = 0; c < chains; c++) start.set(one, c * size);
    } else if (choice.start === 'continue' && this.sampling.x) {
      start = Float32Array.from(this.sampling.x);
      chains = start.length / size;
    }
    this.messages.clear();
    // The chains' occupancies, one tile each, rewritten in place at every step.
    const occupancy = new Float32Array(chains * size);
    const [, D, H, W] = model.inputShape;
    const items: LoadedItem[] = [];
    for (let c = 0; c < chains; c++) {
      items.push({ kind: 'grid', name: `chain ${c + 1}`, grid: { shape: [D, H, W], data: occupancy.subarray(c * size, (c + 1) * size) } });
    }
    this.showItems(items);
    this.panel.setRunning(true, choice.steps);
    Object.assign(this.sampling, { running: true, step: 0, energy: NaN, x: undefined });
    const clamp = choice.clamp ? model.occupancyRange() : undefined;
    const run = runLiveSampling(model, { chains, steps: choice.steps, seed: choice.seed, start, clamp }, (step, energy, x) => {
      model.toOccupancy(x, occupancy);
      Object.assign(this.sampling, { step, energy, x });
      for (const e of this.entries) e.dirty = true;
      this.panel.progress(step, energy);
      this.stage.requestRender();
    });
    this.run = run;
    try {
      const r = await run.done;
      this.panel.setStatus(
        r.stoppedAt !== undefined ? `stopped at step ${r.stoppedAt}, energy ${formatEnergy(r.energy)}` : `done: ${r.steps} steps, energy ${formatEnergy(r.energy)}`,
      );
    } catch (e) {
      this.messages.error([`${model.name}: sampling failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`]);
      this.panel.setStatus('failed');
    } finally {
      this.run = undefined;
      this.sampling.running = false;
      this.panel.setRunning(false);
      this.updateCounts();
      this.updateGridStart();
    }
  }

  private async stopSampling(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.stop();
    await run.done.catch(() => undefined);
  }

  /** Rebuilds the grid tiles marked dirty (at most once per frame). */
  private rebuildDirty(): void {
    let changed = false;
    for (const e of this.entries) {
      if (!e.dirty || e.item.kind !== 'grid') continue;
      const drawing = voxelObject(e.item.grid, this.view);
      e.tile.setContent(drawing.object, drawing.bounds);
      e.drawnVoxels = drawing.drawnVoxels;
      e.triangles = drawing.triangles;
      const [D, H, W] = e.item.grid.shape;
      e.tile.setDetail(`${D}×${H}×${W} · ${integer.format(e.drawnVoxels)} voxels`);
      e.tile.element.dataset.voxels = String(e.drawnVoxels);
      e.dirty = false;
      changed = true;
    }
    if (changed) this.updateCounts();
  }

  private updateCounts(): void {
    const out = byId('drawn');
    const grids = this.entries.filter((e) => e.item.kind === 'grid').length;
    const meshes = this.entries.length - grids;
    const parts: string[] = [];
    if (grids > 0) parts.push(`drawn voxels: ${integer.format(this.drawnVoxels())}`);
    if (meshes > 0) parts.push(`triangles: ${integer.format(this.entries.reduce((s, e) => s + (e.item.kind === 'mesh' ? e.triangles : 0), 0))}`);
    if (this.entries.length > 1) parts.push(`${this.entries.length} tiles`);
    out.textContent = parts.join(' · ');
    out.dataset.voxels = String(this.drawnVoxels());
    out.dataset.tiles = String(this.entries.length);
  }
}
