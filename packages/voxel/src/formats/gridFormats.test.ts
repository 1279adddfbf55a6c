import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Box3, Vector3, type BufferGeometry, type Matrix4, type Mesh } from 'three';
import { VOXLoader } from 'three/examples/jsm/loaders/VOXLoader.js';
import { decodeBinvox, decodeVoxelFile, encodeVoxelFile, VoxelFormatError, type VoxelBatch } from './index.js';

/** An asymmetric shape (an L with a flag) in a non-cubic grid, so any axis mix-up shows. */
function lShape(D = 5, H = 4, W = 3): VoxelBatch {
  const data = new Float32Array(D * H * W);
  const set = (d: number, h: number, w: number): void => void (data[(d * H + h) * W + w] = 1);
  for (let d = 0; d < D; d++) set(d, 0, 0); // along x
  for (let h = 0; h < H; h++) set(0, h, 0); // up
  set(0, H - 1, W - 1); // a flag towards +z at the top
  return { shape: [1, D, H, W], data };
}

function filled(batch: VoxelBatch): string[] {
  const [, D, H, W] = batch.shape;
  const out: string[] = [];
  for (let d = 0; d < D; d++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) if (batch.data[(d * H + h) * W + w] >= 0.5) out.push(`${d},${h},${w}`);
  return out;
}

/** Extent [D, H, W] of the filled voxels. */
function filledBox(batch: VoxelBatch): number[] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const key of filled(batch)) {
    key.split(',').map(Number).forEach((v, a) => {
      lo[a] = Math.min(lo[a], v);
      hi[a] = Math.max(hi[a], v);
    });
  }
  return hi.map((h, a) => h - lo[a] + 1);
}

/** Volume enclosed by a closed indexed geometry under a world matrix (divergence theorem). */
function meshVolume(geometry: BufferGeometry, matrix: Matrix4): number {
  const pos = geometry.getAttribute('position');
  const index = geometry.getIndex();
  const corner = (i: number): Vector3 => new Vector3().fromBufferAttribute(pos, index ? index.getX(i) : i).applyMatrix4(matrix);
  let v = 0;
  const count = index ? index.count : pos.count;
  for (let t = 0; t < count; t += 3) v += corner(t).dot(corner(t + 1).cross(corner(t + 2))) / 6;
  return Math.abs(v);
}

const voxReaderDir = createRequire(import.meta.url).resolve('vox-reader/package.json').replace(/package\.json$/, 'test/');

describe('voxel grid files', () => {
  it('round-trips .npy in every dtype and order, one grid as (D, H, W) and a batch as (N, D, H, W)', () => {
    const soft = lShape();
    soft.data[7] = 0.25; // a soft value: float dtypes keep it, bool/uint8 store 0
    for (const dtype of ['float32', 'float64', 'uint8', 'bool'] as const) {
      for (const fortranOrder of [false, true]) {
        const back = decodeVoxelFile('g.npy', encodeVoxelFile('g.npy', soft, { dtype, fortranOrder }));
        expect(back.shape).toEqual([1, 5, 4, 3]);
        expect(back.data[7], `${dtype} ${fortranOrder}`).toBe(dtype.startsWith('float') ? 0.25 : 0);
        expect(filled(back)).toEqual(filled(soft));
      }
    }
    const batch: VoxelBatch = { shape: [2, 5, 4, 3], data: new Float32Array(120) };
    batch.data.set(lShape().data, 60);
    const bytes = encodeVoxelFile('b.npy', batch);
    expect(new TextDecoder().decode(bytes.subarray(0, 80))).toContain("'shape': (2, 5, 4, 3)");
    expect(decodeVoxelFile('b.npy', bytes)).toEqual(batch);
  });

  it('reads the network layout (N, 1, D, H, W) and refuses other ranks and values outside [0, 1]', () => {
    const g = lShape();
    const five = encodeVoxelFile('x.npy', { shape: [1, 5, 4, 3], data: g.data }).slice();
    const text = new TextDecoder('latin1').decode(five).replace("(5, 4, 3), }", "(1, 1, 5, 4, 3), }".slice(0, 18) + ' }').replace("'shape': (1, 1, 5, 4, 3) }", "'shape': (1, 1, 5, 4, 3), }");
    const back = decodeVoxelFile('x.npy', Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(back.shape).toEqual([1, 5, 4, 3]);
    const flat = encodeVoxelFile('f.npy', { shape: [1, 1, 1, 60], data: g.data }).slice();
    const flatText = new TextDecoder('latin1').decode(flat).replace("'shape': (1, 1, 60)", "'shape': (60,)     ");
    expect(() => decodeVoxelFile('f.npy', Uint8Array.from(flatText, (c) => c.charCodeAt(0)))).toThrow(/f\.npy has shape \(60\); a voxel grid is \(D, H, W\)/);
    const big = { shape: [1, 5, 4, 3] as [number, number, number, number], data: g.data.map((v) => v * 255) };
    expect(() => decodeVoxelFile('u.npy', encodeVoxelFile('u.npy', big))).toThrow(/u\.npy holds values outside \[0, 1\] \(from 0 to 255\)/);
  });

  it('writes .binvox as binvox stores it (x slowest, then z, then y) and reads it back', () => {
    const g = lShape();
    const bytes = encodeVoxelFile('g.binvox', g);
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('#binvox 1\ndim 5 3 4\n')).toBe(true);
    expect(filled(decodeVoxelFile('g.binvox', bytes))).toEqual(filled(g));
    // By hand: a 2×2×2 grid whose only filled voxel is x = 1, y = 0, z = 1 (index 1·4 + 1·2 + 0 = 6).
    const header = '#binvox 1\ndim 2 2 2\ntranslate 0 0 0\nscale 1\ndata\n';
    const runs = [0, 6, 1, 1, 0, 1];
    const hand = Uint8Array.from([...Array.from(header, (c) => c.charCodeAt(0)), ...runs]);
    expect(filled(decodeBinvox(hand, 'h.binvox'))).toEqual(['1,0,1']);
  });

  it('round-trips .vox, mapping MagicaVoxel Z-up axes as three.js does', () => {
    const g = lShape();
    const bytes = encodeVoxelFile('g.vox', g);
    expect(filled(decodeVoxelFile('g.vox', bytes))).toEqual(filled(g));
    // three's VOXLoader reads our file: SIZE is (x, y, z) = (D, W, H), and each voxel maps back by x' = x, y' = z, z' = −y.
    const chunk = new VOXLoader().parse(bytes.slice().buffer).chunks[0];
    expect(chunk.size).toEqual({ x: 5, y: 3, z: 4 });
    const viaThree: string[] = [];
    for (let i = 0; i < chunk.data.length; i += 4) viaThree.push(`${chunk.data[i]},${chunk.data[i + 2]},${chunk.size.y - 1 - chunk.data[i + 1]}`);
    expect(viaThree.sort()).toEqual(filled(g).sort());
  });

  it('reads MagicaVoxel files it did not write (vox-reader ships them) as three.js VOXLoader does', () => {
    const deer = readFileSync(voxReaderDir + 'deer.vox');
    const grid = decodeVoxelFile('deer.vox', deer);
    const chunk = new VOXLoader().parse(deer.buffer.slice(deer.byteOffset, deer.byteOffset + deer.byteLength)).chunks[0];
    expect(grid.shape).toEqual([1, chunk.size.x, chunk.size.z, chunk.size.y]);
    const viaThree = new Set<string>();
    for (let i = 0; i < chunk.data.length; i += 4) viaThree.add(`${chunk.data[i]},${chunk.data[i + 2]},${chunk.size.y - 1 - chunk.data[i + 1]}`);
    expect(filled(grid).sort()).toEqual([...viaThree].sort());
    expect(viaThree.size).toBeGreaterThan(300);
    // A scene graph (nTRN/nGRP/nSHP, written by MagicaVoxel 0.99): the filled voxels span exactly the box of
    // three's placed meshes, and number at most the sum of the placed models' volumes (models may overlap).
    const extended = readFileSync(voxReaderDir + 'extended.vox');
    const scene = new VOXLoader().parse(extended.buffer.slice(extended.byteOffset, extended.byteOffset + extended.byteLength)).scene;
    const box = new Box3().setFromObject(scene).getSize(new Vector3());
    let volumes = 0;
    let meshes = 0;
    scene.updateMatrixWorld(true);
    scene.traverse((o) => {
      if ((o as Mesh).isMesh) {
        meshes++;
        volumes += meshVolume((o as Mesh).geometry, o.matrixWorld);
      }
    });
    const composed = decodeVoxelFile('extended.vox', extended);
    expect(meshes).toBe(6);
    expect(filledBox(composed)).toEqual([box.x, box.y, box.z]);
    const count = filled(composed).length;
    expect(count).toBeLessThanOrEqual(Math.round(volumes));
    expect(count).toBeGreaterThan(0.9 * volumes);
    // Version 200 with instanced models (tree.vox): composed without error, inside MagicaVoxel's 256-voxel limits.
    const tree = decodeVoxelFile('tree.vox', readFileSync(voxReaderDir + 'tree.vox'));
    expect(tree.shape.slice(1).every((s) => s <= 257)).toBe(true);
    expect(tree.data.some((v) => v === 1)).toBe(true);
  });

  it('refuses broken grid files with one line naming the file and the problem', () => {
    const g = lShape();
    const vox = encodeVoxelFile('g.vox', g);
    const binvox = encodeVoxelFile('g.binvox', g);
    const cases: [string, Uint8Array, RegExp][] = [
      ['a.npy', new TextEncoder().encode('PK zip'), /a\.npy is not a \.npy file \(bad magic\)/],
      ['a.npy', encodeVoxelFile('a.npy', g).subarray(0, 200), /a\.npy is truncated: 60 values announced/],
      ['a.binvox', new TextEncoder().encode('#binvox 1\ndim 2 2 2\n'), /a\.binvox is truncated or not a \.binvox file: no 'data' line/],
      ['a.binvox', binvox.subarray(0, binvox.length - 2), /a\.binvox is truncated/],
      ['a.binvox', new TextEncoder().encode('hello'), /a\.binvox is not a \.binvox file/],
      ['a.vox', vox.subarray(0, 40), /a\.vox is truncated/],
      ['a.vox', new TextEncoder().encode('VOY 1234'), /a\.vox is not a MagicaVoxel \.vox file/],
      ['a.xyz', vox, /a\.xyz: unknown voxel file type '\.xyz'; use \.npy, \.binvox, \.vox/],
    ];
    for (const [name, bytes, message] of cases) {
      expect(() => decodeVoxelFile(name, bytes), name).toThrow(VoxelFormatError);
      expect(() => decodeVoxelFile(name, bytes), name).toThrow(message);
    }
    const two: VoxelBatch = { shape: [2, 5, 4, 3], data: new Float32Array(120) };
    expect(() => encodeVoxelFile('t.vox', two)).toThrow(/cannot write t\.vox: a \.vox file is written from one grid, not 2/);
    expect(() => encodeVoxelFile('t.binvox', two)).toThrow(/cannot write t\.binvox: a \.binvox file holds one grid, not 2/);
  });
});
