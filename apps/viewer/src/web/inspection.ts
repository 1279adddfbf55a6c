import type { ViewerApp } from './ViewerApp.js';

/** What `window.ebmViewer` offers scripts and tests: read-only facts about what the page shows. */
export interface ViewerInspection {
  /** One entry per tile: name, kind, grid shape, cells drawn, triangles. */
  tiles(): { name: string; kind: 'grid' | 'mesh'; shape?: number[]; drawnVoxels: number; triangles: number }[];
  /** Cells drawn over all grid tiles. */
  drawnVoxels(): number;
  /** Page coordinates (CSS px) of a point of tile `index`'s content (grid cells: [d, h, w], cell centres at +0.5). */
  project(index: number, point: [number, number, number]): { x: number; y: number } | undefined;
  /** Mean ms to draw one frame while the camera turns once around (see Stage.orbitBenchmark). */
  orbitBenchmark(frames: number): number;
  /** Live sampling: running, the step, the mean energy, and the chains [N·D] in network units. */
  sampling(): { running: boolean; step: number; energy: number; x?: number[] };
}

/** Puts the inspection API on `window.ebmViewer`. */
export function exposeInspection(app: ViewerApp): void {
  const api: ViewerInspection = {
    tiles: () =>
      app.tiles.map((e) => ({
        name: e.item.name,
        kind: e.item.kind,
        shape: e.item.kind === 'grid' ? [...e.item.grid.shape] : undefined,
        drawnVoxels: e.drawnVoxels,
        triangles: e.triangles,
      })),
    drawnVoxels: () => app.drawnVoxels(),
    project: (index, point) => {
      const e = app.tiles[index];
      return e ? app.stage.project(e.tile, point) : undefined;
    },
    orbitBenchmark: (frames) => app.stage.orbitBenchmark(frames),
    sampling: () => ({ ...app.sampling, x: app.sampling.x ? Array.from(app.sampling.x) : undefined }),
  };
  (window as unknown as { ebmViewer: ViewerInspection }).ebmViewer = api;
}
