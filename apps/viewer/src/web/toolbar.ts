import type { ViewDirection } from './gallery/Stage.js';
import { byId } from './ui/byId.js';
import type { ViewerApp } from './ViewerApp.js';
import type { SliceAxis, VoxelView } from './voxels/VoxelView.js';

/** Wires the toolbar's controls to the app: threshold, draw mode, slicing, view buttons, projection, screenshot. */
export function bindToolbar(app: ViewerApp): void {
  const threshold = byId<HTMLInputElement>('threshold');
  const thresholdOut = byId<HTMLOutputElement>('threshold-value');
  threshold.addEventListener('input', () => {
    const t = Number(threshold.value);
    thresholdOut.textContent = t.toFixed(2);
    app.setView({ threshold: t });
  });
  const mode = byId<HTMLSelectElement>('mode');
  mode.addEventListener('change', () => app.setView({ mode: mode.value as VoxelView['mode'] }));
  const axis = byId<HTMLSelectElement>('slice-axis');
  const position = byId<HTMLInputElement>('slice-position');
  axis.addEventListener('change', () => {
    position.disabled = axis.value === 'none';
    app.setView({ slice: axis.value as SliceAxis, slicePosition: Number(position.value) });
  });
  position.addEventListener('input', () => app.setView({ slicePosition: Number(position.value) }));
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-view]')) {
    b.addEventListener('click', () => app.lookFrom(b.dataset.view as ViewDirection));
  }
  const projection = byId<HTMLSelectElement>('projection');
  projection.addEventListener('change', () => app.stage.setProjection(projection.value as 'perspective' | 'orthographic'));
  byId('screenshot').addEventListener('click', () => void app.saveScreenshot());
}
