import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeVoxelFile, encodeVoxelFile, parseMeshFile, VoxelFormatError, type VoxelBatch } from './index.js';
import { fuzzCases } from './testing/fuzzBytes.js';
import { bytesOf, cubeAsciiStl, cubeBinaryStl, cubeObj, cubeOff } from './testing/meshFixtures.js';

/** Cases per parser: truncated, overwritten, spliced and random bytes, from a fixed seed. */
const CASES = 1500;

const voxReaderDir = createRequire(import.meta.url).resolve('vox-reader/package.json').replace(/package\.json$/, 'test/');

function sphere(n: number): VoxelBatch {
  const data = new Float32Array(n * n * n);
  const c = (n - 1) / 2;
  for (let d = 0; d < n; d++) for (let h = 0; h < n; h++) for (let w = 0; w < n; w++) data[(d * n + h) * n + w] = (d - c) ** 2 + (h - c) ** 2 + (w - c) ** 2 < (n / 3) ** 2 ? 1 : 0;
  return { shape: [1, n, n, n], data };
}

/** Runs `parse` on every case; anything thrown must be the parser's own one-line VoxelFormatError. */
function expectOnlyFormatErrors(valid: Uint8Array[], seed: number, parse: (b: Uint8Array) => void): { parsed: number; refused: number } {
  let parsed = 0;
  let refused = 0;
  for (const bytes of fuzzCases(valid, CASES, seed)) {
    try {
      parse(bytes);
      parsed++;
    } catch (e) {
      if (!(e instanceof VoxelFormatError)) throw new Error(`case ${parsed + refused} (${bytes.length} bytes) threw ${(e as Error)?.stack ?? e}`);
      expect((e as Error).message).not.toContain('\n');
      refused++;
    }
  }
  return { parsed, refused };
}

function checkBatch(b: VoxelBatch): void {
  if (b.shape.reduce((p, s) => p * s, 1) !== b.data.length) throw new Error(`shape ${b.shape} does not match ${b.data.length} values`);
  for (const v of b.data) if (!(v >= 0 && v <= 1)) throw new Error(`occupancy ${v} outside [0, 1]`);
}

describe('parser fuzzing (fixed seed)', () => {
  const grid = sphere(8);
  const gridFiles: [string, Uint8Array[]][] = [
    ['f.npy', [encodeVoxelFile('f.npy', grid), encodeVoxelFile('f.npy', grid, { dtype: 'bool', fortranOrder: true })]],
    ['f.binvox', [encodeVoxelFile('f.binvox', grid)]],
    ['f.vox', [encodeVoxelFile('f.vox', grid), readFileSync(voxReaderDir + 'deer.vox'), readFileSync(voxReaderDir + 'extended.vox')]],
  ];
  for (const [name, valid] of gridFiles) {
    it(`${name.slice(1)}: ${CASES} broken files give a VoxelFormatError or a valid grid`, () => {
      const { parsed, refused } = expectOnlyFormatErrors(valid, 11, (b) => checkBatch(decodeVoxelFile(name, b)));
      expect(refused).toBeGreaterThan(CASES / 4);
      expect(parsed + refused).toBe(CASES);
    });
  }

  const meshFiles: [string, Uint8Array[]][] = [
    ['f.off', [bytesOf(cubeOff()), bytesOf(cubeOff(true))]],
    ['f.obj', [bytesOf(cubeObj())]],
    ['f.stl', [bytesOf(cubeAsciiStl()), cubeBinaryStl()]],
  ];
  for (const [name, valid] of meshFiles) {
    it(`${name.slice(1)}: ${CASES} broken files give a VoxelFormatError or a valid mesh`, () => {
      const { refused } = expectOnlyFormatErrors(valid, 12, (b) => {
        const m = parseMeshFile(name, b);
        const v = m.positions.length / 3;
        if (!m.positions.every(Number.isFinite) || !m.indices.every((i) => i < v) || m.indices.length === 0) throw new Error('a malformed mesh came back');
      });
      expect(refused).toBeGreaterThan(CASES / 10);
    });
  }
});
