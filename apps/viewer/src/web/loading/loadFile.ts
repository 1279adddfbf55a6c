import { Box3 } from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { decodeVoxelFile, extensionOf, MESH_EXTENSIONS, parseMeshFile, VOXEL_EXTENSIONS } from '@ebm/voxel/formats';
import { gridOf } from '@ebm/voxel/meshing';
import { VIEWER_FILE_TYPES } from '../../server/fileTypes.js';
import { countTriangles, triangleMeshObject } from './meshObject.js';
import { FileLoadError, type LoadedItem, type ModelFile } from './LoadedItem.js';

/** What one file became: tiles for the gallery, or a model to sample. */
export type LoadedFile = { kind: 'items'; items: LoadedItem[] } | { kind: 'model'; model: ModelFile };

/**
 * Reads one file by its extension with the voxel package's codecs (grids, OBJ/STL/OFF meshes), three's GLTFLoader
 * (.glb), or keeps an .onnx model for sampling. A batch [N, D, H, W] becomes N tiles named `file [i]`.
 * @throws FileLoadError with a one-line message naming the file
 */
export async function loadFile(name: string, bytes: Uint8Array): Promise<LoadedFile> {
  const ext = extensionOf(name);
  try {
    if ((VOXEL_EXTENSIONS as readonly string[]).includes(ext)) {
      const batch = decodeVoxelFile(name, bytes);
      const n = batch.shape[0];
      if (n === 0) throw new FileLoadError(name, `${name}: the batch holds no grids (shape [${batch.shape.join(', ')}])`);
      const items: LoadedItem[] = [];
      for (let i = 0; i < n; i++) items.push({ kind: 'grid', name: n === 1 ? name : `${name} [${i}]`, grid: gridOf(batch, i) });
      return { kind: 'items', items };
    }
    if ((MESH_EXTENSIONS as readonly string[]).includes(ext)) {
      return { kind: 'items', items: [{ kind: 'mesh', name, ...triangleMeshObject(parseMeshFile(name, bytes)) }] };
    }
    if (ext === '.glb') {
      const object = await parseGlb(bytes);
      const bounds = new Box3().setFromObject(object);
      if (bounds.isEmpty()) throw new FileLoadError(name, `${name}: the GLB scene has no geometry`);
      return { kind: 'items', items: [{ kind: 'mesh', name, object, bounds, triangles: countTriangles(object) }] };
    }
    if (ext === '.onnx') return { kind: 'model', model: { name, bytes } };
  } catch (e) {
    if (e instanceof FileLoadError) throw e;
    throw new FileLoadError(name, (e as Error).message.split('\n')[0]);
  }
  throw new FileLoadError(name, `${name}: the viewer cannot open '${ext || 'no extension'}' files (it opens ${VIEWER_FILE_TYPES.join(', ')})`);
}

function parseGlb(bytes: Uint8Array): Promise<import('three').Object3D> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return new Promise((resolve, reject) =>
    new GLTFLoader().parse(
      buffer,
      '',
      (gltf) => resolve(gltf.scene),
      (err) => reject(new Error(`not a readable GLB file (${String((err as unknown as Error)?.message ?? err).split('\n')[0]})`)),
    ),
  );
}
