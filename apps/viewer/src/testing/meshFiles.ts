// Test harness: a GLB file written by three's own GLTFExporter (in Node, with a minimal FileReader for its Blob).
import { writeFileSync } from 'node:fs';
import { BoxGeometry, Mesh, MeshStandardMaterial, Scene } from 'three';
import { GLTFExporter } from 'three/addons/exporters/GLTFExporter.js';

/** GLTFExporter reads its Blob through FileReader, which Node lacks; only readAsArrayBuffer is used. */
class NodeFileReader {
  result: ArrayBuffer | null = null;
  onloadend: (() => void) | null = null;
  readAsArrayBuffer(blob: Blob): void {
    void blob.arrayBuffer().then((b) => {
      this.result = b;
      this.onloadend?.();
    });
  }
}

/** Writes a binary glTF holding one box mesh (12 triangles). */
export async function writeBoxGlb(file: string): Promise<void> {
  const g = globalThis as { FileReader?: unknown };
  g.FileReader ??= NodeFileReader;
  const scene = new Scene();
  scene.add(new Mesh(new BoxGeometry(1, 2, 3), new MeshStandardMaterial({ color: 0x55aa77 })));
  const glb = (await new GLTFExporter().parseAsync(scene, { binary: true })) as ArrayBuffer;
  writeFileSync(file, Buffer.from(glb));
}
