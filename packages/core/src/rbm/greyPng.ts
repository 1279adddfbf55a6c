import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { RbmError } from './RbmError.js';

/** A grey image: values [H·W] in [0, 1], row-major. */
export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Encodes a grey image as an 8-bit greyscale PNG (values clamped to [0, 1]). */
export function encodeGreyPng(image: GreyImage): Uint8Array {
  const { width: W, height: H, data } = image;
  const raw = Buffer.alloc(H * (W + 1));
  for (let y = 0; y < H; y++) {
    raw[y * (W + 1)] = 0;
    for (let x = 0; x < W; x++) raw[y * (W + 1) + 1 + x] = Math.round(255 * Math.min(1, Math.max(0, data[y * W + x])));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit, greyscale, deflate, no filter method, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Decodes an 8-bit, non-interlaced PNG (grey, grey + alpha, RGB or RGBA) to grey values in [0, 1] (RGB averaged, alpha
 * ignored). Enough for digit images; other PNGs get a message saying what is not supported.
 * @throws RbmError naming `name` for anything else
 */
export function decodeGreyPng(bytes: Uint8Array, name: string): GreyImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new RbmError(`${name} is not a PNG file (only PNG images are read for RBM data)`);
  let off = 8;
  let W = 0;
  let H = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      W = body.readUInt32BE(0);
      H = body.readUInt32BE(4);
      const depth = body[8];
      colourType = body[9];
      if (depth !== 8 || ![0, 2, 4, 6].includes(colourType) || body[12] !== 0) {
        throw new RbmError(`${name}: only 8-bit, non-interlaced grey or RGB(A) PNGs are read (bit depth ${depth}, colour type ${colourType}); re-save it as an 8-bit grey PNG`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  if (W === 0 || idat.length === 0) throw new RbmError(`${name} is a damaged PNG (no IHDR or image data)`);
  const bpp = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType as 0 | 2 | 4 | 6];
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    throw new RbmError(`${name} is a damaged PNG (its image data does not inflate)`);
  }
  const stride = W * bpp;
  if (raw.length < H * (stride + 1)) throw new RbmError(`${name} is a damaged PNG (image data cut short)`);
  const px = new Uint8Array(H * stride);
  for (let y = 0; y < H; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? px[y * stride + i - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + i] : 0;
      const c = i >= bpp && y > 0 ? px[(y - 1) * stride + i - bpp] : 0;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (pred < 0) throw new RbmError(`${name} is a damaged PNG (unknown row filter ${filter})`);
      px[y * stride + i] = (line[i] + pred) & 255;
    }
  }
  const data = new Float32Array(W * H);
  const colours = colourType === 2 || colourType === 6 ? 3 : 1;
  for (let p = 0; p < W * H; p++) {
    let s = 0;
    for (let k = 0; k < colours; k++) s += px[p * bpp + k];
    data[p] = s / (255 * colours);
  }
  return { width: W, height: H, data };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}
