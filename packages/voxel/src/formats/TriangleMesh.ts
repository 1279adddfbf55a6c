/**
 * An indexed triangle mesh: positions [V·3] (x, y, z per vertex, in the file's units) and indices [F·3] (three
 * vertex numbers per triangle, counter-clockwise seen from outside where the file is oriented).
 */
export interface TriangleMesh {
  /** [V·3] vertex coordinates. */
  positions: Float32Array;
  /** [F·3] vertex indices, each < V. */
  indices: Uint32Array;
}
