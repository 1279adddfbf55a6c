import type { TriangleMesh } from '../TriangleMesh.js';
import { VoxelFormatError } from '../VoxelFormatError.js';

/**
 * Collects vertices and polygons while a mesh file is parsed and checks them: coordinates must be finite, every
 * polygon index must name a vertex, and there must be at least one face. Polygons become triangle fans.
 */
export class MeshBuilder {
  private positions: number[] = [];
  private indices: number[] = [];
  private faces = 0;

  /** @param file the file name used in error messages */
  constructor(private readonly file: string) {}

  /** Vertices added so far. */
  get vertexCount(): number {
    return this.positions.length / 3;
  }

  /** Adds a vertex; `where` names it in an error (e.g. 'line 12'). @throws VoxelFormatError for a non-finite coordinate */
  addVertex(x: number, y: number, z: number, where: string): number {
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      throw new VoxelFormatError(`${this.file}: ${where} has a coordinate that is not a finite number (${x} ${y} ${z})`);
    }
    this.positions.push(x, y, z);
    return this.positions.length / 3 - 1;
  }

  /**
   * Adds a polygon of 0-based vertex indices as a triangle fan (checked in {@link build}, as OBJ may name later
   * vertices). Polygons of fewer than 3 vertices (points, lines) add no triangle.
   */
  addPolygon(vertices: readonly number[], where: string): void {
    for (const v of vertices) {
      if (!Number.isInteger(v) || v < 0) throw new VoxelFormatError(`${this.file}: ${where} names vertex ${v + 1}, which does not exist`);
    }
    this.faces++;
    for (let k = 1; k + 1 < vertices.length; k++) this.indices.push(vertices[0], vertices[k], vertices[k + 1]);
  }

  /** The mesh. @throws VoxelFormatError when a face names a missing vertex or there is no triangle */
  build(): TriangleMesh {
    const count = this.vertexCount;
    for (let i = 0; i < this.indices.length; i++) {
      if (this.indices[i] >= count) {
        throw new VoxelFormatError(`${this.file}: a face names vertex ${this.indices[i] + 1}, but the file has ${count} vertices`);
      }
    }
    if (this.indices.length === 0) throw new VoxelFormatError(`${this.file} has no faces (an empty mesh); there is nothing to voxelize`);
    return { positions: Float32Array.from(this.positions), indices: Uint32Array.from(this.indices) };
  }
}
