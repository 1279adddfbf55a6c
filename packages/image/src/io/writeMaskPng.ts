import type { Mask } from '../masks/Mask.js';
import { writePng } from './writePng.js';

/**
 * Writes a mask as a grey PNG that {@link readMask} reads back exactly: white (255) = missing, black = observed.
 * Atomic like {@link writePng}.
 * @param mask data: [H, W], 1 = missing.
 */
export async function writeMaskPng(path: string, mask: Mask): Promise<void> {
  const data = new Float32Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = mask.data[i];
  await writePng(path, { data, channels: 1, width: mask.width, height: mask.height });
}
