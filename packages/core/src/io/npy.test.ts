import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNpy, encodeNpy, NpyError, readNpy, writeNpy } from './npy.js';

/** .npy files as NumPy writes and reads them (format 1.0/2.0, C order, little-endian). */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ebm-npy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The bytes numpy.save writes: magic, version, header length, the header dict padded with spaces to a multiple of
 * 64 bytes (including the preamble) and ended by '\n', then the raw data.
 */
function numpyBytes(descr: string, shape: string, data: Buffer, version: 1 | 2 = 1, fortran = false): Buffer {
  const pre = version === 1 ? 10 : 12;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((pre + header.length) % 64)) + '\n';
  const head = Buffer.alloc(pre);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = version;
  head[7] = 0;
  if (version === 1) head.writeUInt16LE(header.length, 8);
  else head.writeUInt32LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), data]);
}

describe('npy', () => {
  it('round-trips float32 arrays of any rank bit for bit, in NumPy layout', async () => {
    const special = new Float32Array([0, -0, 1.5, -3.25e-38, 3.4e38, Infinity, -Infinity, NaN, Math.fround(Math.PI), 1e-45, -7, 0.1]);
    for (const shape of [[12], [3, 4], [2, 1, 3, 2], [1, 2, 2, 1, 3]]) {
      const a = { data: special, shape };
      const bytes = encodeNpy(a);
      expect((bytes.readUInt16LE(8) + 10) % 64, 'header padded to 64 bytes').toBe(0);
      expect(bytes[bytes.readUInt16LE(8) + 9], 'header ends with a newline').toBe(0x0a);
      const back = decodeNpy(bytes);
      expect(back.shape).toEqual(shape);
      expect(Buffer.from(back.data.buffer).equals(Buffer.from(special.buffer))).toBe(true);
    }
    const file = join(dir, 'a.npy');
    const data = Float32Array.from({ length: 2 * 3 * 5 }, (_, i) => i / 7 - 2);
    await writeNpy(file, { data, shape: [2, 3, 5] });
    const read = await readNpy(file);
    expect(read.shape).toEqual([2, 3, 5]);
    expect(Array.from(read.data)).toEqual(Array.from(data));
    // What NumPy would write for the same array is what we wrote.
    const numpy = numpyBytes('<f4', '(2, 3, 5)', Buffer.from(data.buffer));
    expect(readFileSync(file).equals(numpy)).toBe(true);
  });

  it("writes a 1-D shape as (n,) and a scalar as ()", () => {
    const one = encodeNpy({ data: new Float32Array([1, 2, 3]), shape: [3] });
    expect(one.toString('latin1')).toContain("'shape': (3,)");
    const scalar = encodeNpy({ data: new Float32Array([4.5]), shape: [] });
    expect(scalar.toString('latin1')).toContain("'shape': ()");
    expect(decodeNpy(scalar)).toEqual({ data: new Float32Array([4.5]), shape: [] });
  });

  it("reads NumPy's '<f8', '|u1', '|b1', '<i4' and '<i8' arrays, and format 2.0 headers", () => {
    const f8 = Buffer.alloc(6 * 8);
    [0.5, -1.25, 1e-3, 123456.789, -0, 2 ** 30].forEach((v, i) => f8.writeDoubleLE(v, 8 * i));
    expect(decodeNpy(numpyBytes('<f8', '(2, 3)', f8))).toEqual({ data: Float32Array.from([0.5, -1.25, 1e-3, 123456.789, -0, 2 ** 30]), shape: [2, 3] });

    const u1 = Buffer.from([0, 1, 127, 128, 254, 255]);
    expect(decodeNpy(numpyBytes('|u1', '(6,)', u1))).toEqual({ data: Float32Array.from([0, 1, 127, 128, 254, 255]), shape: [6] });
    expect(decodeNpy(numpyBytes('|u1', '(2, 3)', u1, 2))).toEqual({ data: Float32Array.from([0, 1, 127, 128, 254, 255]), shape: [2, 3] });

    expect(decodeNpy(numpyBytes('|b1', '(3,)', Buffer.from([1, 0, 1]))).data).toEqual(Float32Array.from([1, 0, 1]));
    const i4 = Buffer.alloc(12);
    [-5, 0, 2 ** 31 - 1].forEach((v, i) => i4.writeInt32LE(v, 4 * i));
    expect(decodeNpy(numpyBytes('<i4', '(3,)', i4)).data).toEqual(Float32Array.from([-5, 0, 2 ** 31 - 1]));
    const i8 = Buffer.alloc(16);
    i8.writeBigInt64LE(-7n, 0);
    i8.writeBigInt64LE(1n << 40n, 8);
    expect(decodeNpy(numpyBytes('<i8', '(2,)', i8)).data).toEqual(Float32Array.from([-7, 2 ** 40]));
  });

  it('reads Fortran-order arrays into C order, as np.load does', () => {
    // np.asfortranarray(np.arange(24).reshape(2, 3, 4)) stores a[i, j, k] at i + 2·j + 6·k.
    const c = Float32Array.from({ length: 24 }, (_, i) => i);
    const f = new Float32Array(24);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) f[i + 2 * j + 6 * k] = c[i * 12 + j * 4 + k];
    const back = decodeNpy(numpyBytes('<f4', '(2, 3, 4)', Buffer.from(f.buffer), 1, true));
    expect(back.shape).toEqual([2, 3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(c));
    // A 1-D Fortran array is the same as a C one.
    expect(Array.from(decodeNpy(numpyBytes('<f4', '(3,)', Buffer.from(new Float32Array([1, 2, 3]).buffer), 1, true)).data)).toEqual([1, 2, 3]);
  });

  it("writes '<f8', '|u1' and '|b1' and Fortran order as NumPy would, and reads them back", () => {
    const values = Float32Array.from([0, 0.25, 1, 2.5, 255.6, -3]);
    const f8 = encodeNpy({ data: values, shape: [2, 3] }, { dtype: 'float64' });
    const f8Body = Buffer.alloc(48);
    values.forEach((v, i) => f8Body.writeDoubleLE(v, 8 * i));
    expect(f8.equals(numpyBytes('<f8', '(2, 3)', f8Body))).toBe(true);
    const u1 = encodeNpy({ data: values, shape: [6] }, { dtype: 'uint8' });
    expect(u1.equals(numpyBytes('|u1', '(6,)', Buffer.from([0, 0, 1, 3, 255, 0])))).toBe(true);
    const b1 = encodeNpy({ data: values, shape: [6] }, { dtype: 'bool' });
    expect(b1.equals(numpyBytes('|b1', '(6,)', Buffer.from([0, 1, 1, 1, 1, 1])))).toBe(true);
    const c = Float32Array.from({ length: 24 }, (_, i) => i / 4);
    const fortran = encodeNpy({ data: c, shape: [2, 3, 4] }, { fortranOrder: true });
    expect(fortran.toString('latin1')).toContain("'fortran_order': True");
    const stored = new Float32Array(fortran.buffer.slice(fortran.byteOffset + fortran.readUInt16LE(8) + 10, fortran.byteOffset + fortran.length));
    expect(stored[1], 'a[1, 0, 0] comes second in Fortran order').toBe(c[12]);
    expect(Array.from(decodeNpy(fortran).data)).toEqual(Array.from(c));
  });

  it('names the file and the fix for files it cannot read', async () => {
    const f4 = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer);
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('PK\x03\x04 a zip, not npy'), /x\.npy is not a \.npy file \(bad magic\)/],
      [numpyBytes('>f4', '(4,)', f4), /x\.npy has dtype >f4; use float32, float64, uint8, bool, int32 or int64/],
      [numpyBytes('<c8', '(2,)', f4), /has dtype <c8/],
      [numpyBytes('<f4', '(5,)', f4), /x\.npy is truncated: 5 values announced/],
      [numpyBytes('<f4', '(2, 2)', f4).subarray(0, 40), /x\.npy is truncated: its header is cut off/],
      [Buffer.from('\x93NUMPY\x01\x00\x05\x00{}   ', 'latin1'), /x\.npy: unreadable \.npy header/],
      [Buffer.concat([Buffer.from('\x93NUMPY\x07\x00', 'latin1'), Buffer.alloc(60)]), /format version 7\.0/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeNpy(bytes, 'x.npy')).toThrow(NpyError);
      expect(() => decodeNpy(bytes, 'x.npy')).toThrow(message);
    }
    const missing = join(dir, 'missing.npy');
    await expect(readNpy(missing)).rejects.toThrow(`cannot read ${missing}: no such file`);
    const bad = join(dir, 'bad.npy');
    writeFileSync(bad, 'hello');
    await expect(readNpy(bad)).rejects.toThrow(`${bad} is not a .npy file`);
  });

  it('refuses data that does not fill its shape, and a missing output folder, writing nothing', async () => {
    expect(() => encodeNpy({ data: new Float32Array(5), shape: [2, 3] })).toThrow('shape [2, 3] does not hold the 5 values given');
    expect(() => encodeNpy({ data: new Float32Array(0), shape: [-1] })).toThrow(NpyError);
    const folder = join(dir, 'not-there');
    await expect(writeNpy(join(folder, 's.npy'), { data: new Float32Array(2), shape: [2] })).rejects.toThrow(`folder ${folder} does not exist`);
    expect(existsSync(folder)).toBe(false);
  });
});
