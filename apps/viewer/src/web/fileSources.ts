import { byId } from './ui/byId.js';
import type { NamedBytes, ViewerApp } from './ViewerApp.js';

/** Reads browser File objects into names and bytes. */
async function readFiles(files: Iterable<File>): Promise<NamedBytes[]> {
  return Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** The Open… button (a file picker, several files at once) and dropping files anywhere on the page. */
export function bindFilePickerAndDrop(app: ViewerApp): void {
  const input = byId<HTMLInputElement>('file-input');
  byId('open').addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    // readFiles takes the File objects at once, so the input can be cleared while their bytes are read.
    const files = readFiles(input.files ?? []);
    input.value = '';
    await app.openFiles(files);
  });
  const view = byId('view');
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    view.classList.add('dragging');
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) view.classList.remove('dragging');
  });
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    view.classList.remove('dragging');
    await app.openFiles(readFiles(e.dataTransfer?.files ?? []));
  });
}

/**
 * Opens the files the command line gave (`ebm-viewer a.npy b.binvox`), listed by the server at /api/files.
 * A page served some other way (no list) simply starts empty.
 */
export async function openServedFiles(app: ViewerApp): Promise<void> {
  const list = await fetch('/api/files')
    .then((r) => (r.ok ? (r.json() as Promise<{ name: string; url: string }[]>) : []))
    .catch(() => []);
  const files: NamedBytes[] = [];
  const errors: string[] = [];
  for (const f of list) {
    const r = await fetch(f.url).catch(() => undefined);
    if (r?.ok) files.push({ name: f.name, bytes: new Uint8Array(await r.arrayBuffer()) });
    else errors.push(`${f.name}: the server could not send it (${r ? `HTTP ${r.status}` : 'no answer'})`);
  }
  await app.openFiles(files);
  if (errors.length > 0) app.messages.error(errors);
}
