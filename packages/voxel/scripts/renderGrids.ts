// Renders voxel grid files (.npy batches, .binvox, .vox) into one PNG sheet, as the README's pictures are drawn:
//   node_modules/.bin/tsx packages/voxel/scripts/renderGrids.ts --out sheet.png [--columns 4] [--size 160] a.npy b.binvox …
// Prints, for each grid after the first `--reference N` ones, the IoU with the nearest of those reference grids.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cubesGeometry, encodePng, gridAt, imageSheet, readVoxelFile, renderGeometry, voxelIou, type VoxelBatch } from '../src/index.js';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, columns: { type: 'string', default: '4' }, size: { type: 'string', default: '160' }, reference: { type: 'string', default: '0' } },
  allowPositionals: true,
});
if (!values.out || positionals.length === 0) throw new Error('usage: renderGrids.ts --out sheet.png grid files…');
const grids: VoxelBatch[] = [];
for (const file of positionals) {
  const batch = await readVoxelFile(file);
  for (let i = 0; i < batch.shape[0]; i++) grids.push(gridAt(batch, i));
}
const size = Number(values.size);
const images = grids.map((g) => renderGeometry(cubesGeometry(g), [g.shape[1], g.shape[2], g.shape[3]], { size }));
const sheet = imageSheet(images, Number(values.columns));
writeFileSync(values.out, encodePng(sheet.rgb, sheet.width, sheet.height));
const references = Number(values.reference);
for (let i = references; i < grids.length && references > 0; i++) {
  const best = Math.max(...grids.slice(0, references).map((r) => voxelIou(grids[i].data, r.data)));
  process.stdout.write(`grid ${i}: IoU with the nearest reference grid ${best.toFixed(3)}\n`);
}
