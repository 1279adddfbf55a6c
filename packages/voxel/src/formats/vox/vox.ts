import { OCCUPIED, type VoxelBatch } from '../VoxelBatch.js';
import { VoxelFormatError } from '../VoxelFormatError.js';
import { ChunkReader } from './ChunkReader.js';
import { placeModels, worldVoxel, type VoxModel, type VoxNode } from './voxScene.js';

/** Largest composed scene read, in voxels. */
const MAX_VOXELS = 512 ** 3;

/**
 * Decodes a MagicaVoxel .vox file (versions 150 and 200): the models (SIZE + XYZI chunks), placed by the scene graph
 * (nTRN translations and rotations, nGRP, nSHP) when there is one, composed into one occupancy grid spanning the
 * union of the placed model boxes. Colours and materials are not kept. MagicaVoxel is Z-up; the grid is mapped as
 * three.js's VOXLoader maps it, (x, y, z)_vox → (x, z, −y): D = x, H = z (up), W = −y.
 * @param file name used in error messages
 * @throws VoxelFormatError naming the file and the problem
 */
export function decodeVox(bytes: Uint8Array, file: string): VoxelBatch {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'VOX ') {
    throw new VoxelFormatError(`${file} is not a MagicaVoxel .vox file (it does not start with 'VOX ')`);
  }
  const top = new ChunkReader(bytes, 8, bytes.length, file, 'the MAIN chunk');
  const main = chunkId(top);
  if (main !== 'MAIN') throw new VoxelFormatError(`${file} is corrupt: its first chunk is '${main}', not 'MAIN'`);
  const mainContent = top.int32();
  const mainChildren = top.int32();
  if (mainContent < 0 || mainChildren < 0 || top.offset + mainContent + mainChildren > bytes.length) {
    throw new VoxelFormatError(`${file} is truncated: its MAIN chunk announces ${mainContent + mainChildren} bytes, the file has ${bytes.length - top.offset} after it`);
  }
  const models: VoxModel[] = [];
  const nodes = new Map<number, VoxNode>();
  let pendingSize: [number, number, number] | null = null;
  let offset = top.offset + mainContent;
  const end = offset + mainChildren;
  while (offset < end) {
    const head = new ChunkReader(bytes, offset, end, file, 'a chunk header');
    const id = chunkId(head);
    const content = head.int32();
    const children = head.int32();
    const start = head.offset;
    if (content < 0 || children < 0 || start + content + children > end) {
      throw new VoxelFormatError(`${file} is truncated: chunk '${printable(id)}' at byte ${offset} announces ${content + children} bytes, ${end - start} are left`);
    }
    const r = new ChunkReader(bytes, start, start + content, file, `chunk ${printable(id)}`);
    if (id === 'SIZE') {
      const size: [number, number, number] = [r.int32(), r.int32(), r.int32()];
      if (size.some((s) => s < 1 || s > 256)) throw new VoxelFormatError(`${file}: a model has the size ${size.join('×')}; MagicaVoxel models are 1 to 256 per side`);
      pendingSize = size;
    } else if (id === 'XYZI') {
      if (!pendingSize) throw new VoxelFormatError(`${file} is corrupt: an XYZI chunk at byte ${offset} comes without a SIZE chunk before it`);
      const n = r.count(4);
      models.push({ size: pendingSize, xyzi: bytes.subarray(r.offset, r.offset + 4 * n) });
      pendingSize = null;
    } else if (id === 'nTRN') {
      const nodeId = r.int32();
      r.dict();
      const child = r.int32();
      r.int32(); // reserved
      r.int32(); // layer
      const frames = r.int32();
      const frame = frames > 0 ? r.dict() : {};
      const t = (frame._t ?? '0 0 0').split(' ').map(Number);
      const translation: [number, number, number] = [t[0] | 0, t[1] | 0, t[2] | 0];
      nodes.set(nodeId, { type: 'transform', child, translation, rotation: frame._r === undefined ? 4 : Number(frame._r) });
    } else if (id === 'nGRP') {
      const nodeId = r.int32();
      r.dict();
      const n = r.count(4);
      const list: number[] = [];
      for (let k = 0; k < n; k++) list.push(r.int32());
      nodes.set(nodeId, { type: 'group', children: list });
    } else if (id === 'nSHP') {
      const nodeId = r.int32();
      r.dict();
      const n = r.count(8);
      const list: number[] = [];
      for (let k = 0; k < n; k++) {
        list.push(r.int32());
        r.dict();
      }
      nodes.set(nodeId, { type: 'shape', models: list });
    }
    offset = start + content + children;
  }
  if (models.length === 0) throw new VoxelFormatError(`${file} holds no model (no SIZE and XYZI chunks)`);
  return composeScene(models, nodes, file);
}

function composeScene(models: VoxModel[], nodes: Map<number, VoxNode>, file: string): VoxelBatch {
  const placed = placeModels(nodes, models.length, file);
  if (placed.length === 0) throw new VoxelFormatError(`${file}: its scene graph shows no model`);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const p of placed) {
    const s = models[p.model].size;
    for (const corner of [[0, 0, 0], [s[0] - 1, s[1] - 1, s[2] - 1]]) {
      const w = worldVoxel(p, s, corner[0], corner[1], corner[2]);
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], w[a]);
        hi[a] = Math.max(hi[a], w[a]);
      }
    }
  }
  const [sx, sy, sz] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  if (sx * sy * sz > MAX_VOXELS) throw new VoxelFormatError(`${file}: its scene spans ${sx}×${sy}×${sz} voxels, more than this reader takes (${MAX_VOXELS})`);
  // (x, y, z)_vox → grid[d = x][h = z][w = −y]
  const [D, H, W] = [sx, sz, sy];
  const data = new Float32Array(D * H * W);
  for (const p of placed) {
    const { size, xyzi } = models[p.model];
    for (let i = 0; i + 3 < xyzi.length; i += 4) {
      if (xyzi[i] >= size[0] || xyzi[i + 1] >= size[1] || xyzi[i + 2] >= size[2]) {
        throw new VoxelFormatError(`${file} is corrupt: a voxel at (${xyzi[i]}, ${xyzi[i + 1]}, ${xyzi[i + 2]}) lies outside its ${size.join('×')} model`);
      }
      const w = worldVoxel(p, size, xyzi[i], xyzi[i + 1], xyzi[i + 2]);
      const d = w[0] - lo[0];
      const h = w[2] - lo[2];
      const ww = hi[1] - w[1];
      data[(d * H + h) * W + ww] = 1;
    }
  }
  return { shape: [1, D, H, W], data };
}

/**
 * Encodes one grid as a MagicaVoxel .vox file (version 150: one model, voxels at or above {@link OCCUPIED}, colour
 * index 1, a grey palette), mapped back to MagicaVoxel's Z-up axes (the inverse of {@link decodeVox}).
 * @param grid [1, D, H, W], each side at most 256
 * @throws VoxelFormatError for a batch of several grids or a side above 256
 */
export function encodeVox(grid: VoxelBatch): Uint8Array {
  const [n, D, H, W] = grid.shape;
  if (n !== 1) throw new VoxelFormatError(`a .vox file is written from one grid, not ${n} (write them one by one)`);
  if (D > 256 || H > 256 || W > 256) throw new VoxelFormatError(`a .vox model is at most 256 voxels per side; this grid is ${D}×${H}×${W}`);
  let count = 0;
  for (let i = 0; i < grid.data.length; i++) if (grid.data[i] >= OCCUPIED) count++;
  const sizeChunk = 12 + 12;
  const xyziChunk = 12 + 4 + 4 * count;
  const rgbaChunk = 12 + 4 * 256;
  const children = sizeChunk + xyziChunk + rgbaChunk;
  const out = new Uint8Array(8 + 12 + children);
  const view = new DataView(out.buffer);
  let o = 0;
  const tag = (id: string): void => {
    for (let i = 0; i < 4; i++) out[o + i] = id.charCodeAt(i);
    o += 4;
  };
  const int = (v: number): void => {
    view.setInt32(o, v, true);
    o += 4;
  };
  tag('VOX ');
  int(150);
  tag('MAIN');
  int(0);
  int(children);
  tag('SIZE');
  int(12);
  int(0);
  int(D); // x
  int(W); // y (= −w)
  int(H); // z (up)
  tag('XYZI');
  int(4 + 4 * count);
  int(0);
  int(count);
  for (let d = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        if (grid.data[(d * H + h) * W + w] >= OCCUPIED) {
          out[o] = d;
          out[o + 1] = W - 1 - w;
          out[o + 2] = h;
          out[o + 3] = 1;
          o += 4;
        }
      }
    }
  }
  tag('RGBA');
  int(4 * 256);
  int(0);
  for (let i = 0; i < 256; i++) view.setUint32(o + 4 * i, 0xffb4b4b4, true); // opaque grey (r = g = b = 180)
  return out;
}

function chunkId(r: ChunkReader): string {
  const a = r.uint32();
  return String.fromCharCode(a & 0xff, (a >> 8) & 0xff, (a >> 16) & 0xff, (a >>> 24) & 0xff);
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?');
}
