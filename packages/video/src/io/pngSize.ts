import { open } from 'node:fs/promises';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Width and height from the first 24 bytes of a PNG file (signature, then the IHDR chunk), or undefined when the
 * bytes are not a PNG. Pure: bytes in, size out.
 */
export function pngSizeFromHeader(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size of a PNG file from its header (reads 24 bytes), or undefined when it is not a PNG. */
export async function readPngSize(file: string): Promise<{ width: number; height: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const buf = new Uint8Array(24);
    const { bytesRead } = await handle.read(buf, 0, 24, 0);
    return pngSizeFromHeader(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
