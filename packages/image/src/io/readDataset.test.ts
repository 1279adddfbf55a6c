import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageInputError } from './ImageInputError.js';
import { createImage } from './ImageTensor.js';
import { listImageFiles, readDataset } from './readDataset.js';
import { writePng } from './writePng.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ebm-image-dataset-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function flat(width: number, height: number, channels: 1 | 3, value: number) {
  const im = createImage(width, height, channels);
  im.data.fill(value);
  return im;
}

describe('readDataset', () => {
  it('reads a folder in name order, skipping non-images, promoting grey to RGB when mixed', async () => {
    const folder = join(dir, 'set');
    await mkdir(folder);
    await writePng(join(folder, 'b.png'), flat(6, 4, 3, 0.2));
    await writePng(join(folder, 'a.PNG'), flat(6, 4, 1, 0.6));
    await writePng(join(folder, 'c.png'), flat(6, 4, 3, 1));
    await writeFile(join(folder, 'README.txt'), 'not an image');
    const set = await readDataset(folder);
    expect(set.files.map((f) => f.slice(folder.length + 1))).toEqual(['a.PNG', 'b.png', 'c.png']);
    expect(set.images.map((im) => im.channels)).toEqual([3, 3, 3]);
    expect(set.images[0].data[2 * 24]).toBeCloseTo(153 / 255, 6); // blue plane of the promoted grey image
  });

  it('reads a single file as a set of one', async () => {
    const file = join(dir, 'one.png');
    await writePng(file, flat(3, 3, 1, 0));
    const set = await readDataset(file);
    expect(set.files).toEqual([file]);
    expect(set.images[0].channels).toBe(1);
  });

  it('says what to do for an empty folder, a missing path and mixed sizes', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'notes.md'), '#');
    await expect(listImageFiles(empty)).rejects.toThrow(
      `${empty}: no PNG, JPEG or WebP images in folder (add .png, .jpg or .webp files or pass one image)`,
    );
    const missing = join(dir, 'missing');
    const error = await readDataset(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageInputError);
    expect((error as ImageInputError).path).toBe(missing);

    const mixed = join(dir, 'mixed');
    await mkdir(mixed);
    await writePng(join(mixed, '1.png'), flat(8, 8, 3, 0.5));
    await writePng(join(mixed, '2.png'), flat(9, 8, 3, 0.5));
    await expect(readDataset(mixed)).rejects.toThrow(/2\.png: size 9x8 differs from 8x8 of .*1\.png \(pass --size/);
    const sized = await readDataset(mixed, { size: 4 });
    expect(sized.images.map((im) => [im.width, im.height])).toEqual([
      [4, 4],
      [4, 4],
    ]);
    expect((await readDataset(mixed, { allowMixedSizes: true })).images[1].width).toBe(9);
  });
});
