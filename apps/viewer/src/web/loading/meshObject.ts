import { Box3, BufferAttribute, BufferGeometry, DoubleSide, Mesh, MeshStandardMaterial, type Object3D } from 'three';
import type { TriangleMesh } from '@ebm/voxel/formats';

/** Colour of meshes read from .obj/.stl/.off (GLB files keep their own materials). */
export const MESH_COLOR = 0x8fb8de;

const meshMaterial = new MeshStandardMaterial({ color: MESH_COLOR, roughness: 0.7, metalness: 0, flatShading: true, side: DoubleSide });

/** A parsed triangle mesh as a flat-shaded three.js mesh in the file's own units and axes (Y up). */
export function triangleMeshObject(mesh: TriangleMesh): { object: Object3D; bounds: Box3; triangles: number } {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(mesh.positions, 3));
  g.setIndex(new BufferAttribute(mesh.indices, 1));
  const flat = g.toNonIndexed();
  g.dispose();
  flat.computeVertexNormals();
  flat.computeBoundingBox();
  return { object: new Mesh(flat, meshMaterial), bounds: flat.boundingBox!.clone(), triangles: mesh.indices.length / 3 };
}

/** Counts the triangles of every mesh under `root`. */
export function countTriangles(root: Object3D): number {
  let n = 0;
  root.traverse((o) => {
    const g = (o as Mesh).isMesh ? (o as Mesh).geometry : undefined;
    if (g) n += (g.index ? g.index.count : g.getAttribute('position').count) / 3;
  });
  return n;
}
