import { BufferGeometry, Mesh, MeshStandardMaterial, Scene } from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { OBJExporter } from 'three/examples/jsm/exporters/OBJExporter.js';
import { STLExporter } from 'three/examples/jsm/exporters/STLExporter.js';
import { extensionOf } from '../formats/voxelFiles.js';
import { VoxelFormatError } from '../formats/VoxelFormatError.js';

/** Mesh file types written through three's exporters. */
export const MESH_OUT_EXTENSIONS = ['.obj', '.stl', '.glb'] as const;

/**
 * A three.js geometry as the bytes of a mesh file chosen by extension, written by three's exporters: .obj
 * (OBJExporter, text), .stl (STLExporter, binary), .glb (GLTFExporter, binary glTF with a grey material).
 * Coordinates are voxel units, Y up.
 * @throws VoxelFormatError for another extension
 */
export async function meshFileBytes(geometry: BufferGeometry, fileName: string): Promise<Uint8Array> {
  const mesh = new Mesh(geometry, new MeshStandardMaterial({ color: 0xb4b4b4 }));
  mesh.name = 'voxels';
  switch (extensionOf(fileName)) {
    case '.obj':
      return new TextEncoder().encode(new OBJExporter().parse(mesh));
    case '.stl': {
      const view = new STLExporter().parse(mesh, { binary: true }) as DataView;
      return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    }
    case '.glb': {
      installFileReader();
      const scene = new Scene();
      scene.add(mesh);
      const glb = (await new GLTFExporter().parseAsync(scene, { binary: true })) as ArrayBuffer;
      return new Uint8Array(glb);
    }
    default:
      throw new VoxelFormatError(`${fileName}: unknown mesh file type '${extensionOf(fileName)}'; write ${MESH_OUT_EXTENSIONS.join(', ')}`);
  }
}

/** GLTFExporter reads Blobs with FileReader, which Node lacks; a minimal one on top of Blob.arrayBuffer(). */
function installFileReader(): void {
  const g = globalThis as { FileReader?: unknown };
  if (g.FileReader) return;
  g.FileReader = class {
    result: ArrayBuffer | string | null = null;
    onload: ((e: unknown) => void) | null = null;
    onloadend: ((e: unknown) => void) | null = null;
    readAsArrayBuffer(blob: Blob): void {
      void blob.arrayBuffer().then((b) => this.finish(b));
    }
    readAsDataURL(blob: Blob): void {
      void blob.arrayBuffer().then((b) => this.finish(`data:${blob.type || 'application/octet-stream'};base64,${Buffer.from(b).toString('base64')}`));
    }
    private finish(result: ArrayBuffer | string): void {
      this.result = result;
      this.onload?.({ target: this });
      this.onloadend?.({ target: this });
    }
  };
}
