import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { decodeModelFile, encodeModelFile, type ModelDomain, type ModelFileContents } from './ModelFile.js';
import { ModelFileError } from './ModelFileError.js';

/**
 * Saves a model atomically (temp file, fsync, rename): a crash mid-write leaves the previous file intact.
 * @throws ModelFileError naming the path when its folder does not exist or cannot be written
 */
export async function saveModelFile(file: string, contents: ModelFileContents): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  try {
    const st = await fs.stat(dir);
    if (!st.isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ModelFileError(`cannot write ${file}: folder ${dir} does not exist (create it first, e.g. mkdir -p ${dir})`, file);
  }
  try {
    await writeFileAtomic(file, encodeModelFile(contents));
  } catch (e) {
    throw new ModelFileError(`cannot write ${file}: ${(e as Error).message}`, file);
  }
}

/**
 * Loads and verifies a model file (magic, checksum, format version; domain when `expect` is given).
 * @throws ModelFileError with a one-line message naming the file and the fix
 */
export async function loadModelFile(file: string, expect?: ModelDomain): Promise<ModelFileContents> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(
      code === 'ENOENT' ? `model file ${file} does not exist (check the path, or train one first)` : `cannot read model file ${file}: ${(e as Error).message}`,
      file,
    );
  }
  const m = decodeModelFile(buf);
  if (typeof m === 'string') throw new ModelFileError(`model file ${file} ${m}`, file);
  if (!m.spec || typeof m.spec !== 'object') throw new ModelFileError(`model file ${file} has no network spec; it was not written by ebm`, file);
  if (!m.tensors.theta) throw new ModelFileError(`model file ${file} has no parameters (tensor 'theta' missing)`, file);
  if (expect && m.domain !== expect && m.domain !== 'generic') {
    throw new ModelFileError(`model file ${file} is a ${m.domain} model, not ${expect === 'image' ? 'an' : 'a'} ${expect} model; use ebm-${m.domain} for it`, file);
  }
  return m;
}
