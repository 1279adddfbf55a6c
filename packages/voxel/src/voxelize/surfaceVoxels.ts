/** Scratch vectors (module scope, as hot code in three.js does). */
const A = new Float64Array(3);
const B = new Float64Array(3);
const C = new Float64Array(3);
const EDGES = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
const AXIS = new Float64Array(3);

/**
 * The voxels a mesh's surface passes through (conservative: every voxel cube a triangle touches), by the
 * separating-axis triangle–box test of Akenine-Möller (2001).
 * @param grid triangle corners in voxel units, [V·3]
 * @param indices [F·3]
 * @param only when given, only triangles t with only[t] ≠ 0 count
 * @returns 1 where the surface passes, [R³] C order
 */
export function surfaceVoxels(grid: Float64Array, indices: Uint32Array, R: number, only?: Uint8Array): Uint8Array {
  const surface = new Uint8Array(R * R * R);
  for (let t = 0; t < indices.length; t += 3) {
    if (only && !only[t / 3]) continue;
    const o0 = 3 * indices[t];
    const o1 = 3 * indices[t + 1];
    const o2 = 3 * indices[t + 2];
    const lo = [0, 0, 0];
    const hi = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.max(0, Math.floor(Math.min(grid[o0 + a], grid[o1 + a], grid[o2 + a])));
      hi[a] = Math.min(R - 1, Math.floor(Math.max(grid[o0 + a], grid[o1 + a], grid[o2 + a])));
    }
    for (let d = lo[0]; d <= hi[0]; d++) {
      for (let h = lo[1]; h <= hi[1]; h++) {
        for (let w = lo[2]; w <= hi[2]; w++) {
          const i = (d * R + h) * R + w;
          if (surface[i]) continue;
          for (let a = 0; a < 3; a++) {
            const centre = (a === 0 ? d : a === 1 ? h : w) + 0.5;
            A[a] = grid[o0 + a] - centre;
            B[a] = grid[o1 + a] - centre;
            C[a] = grid[o2 + a] - centre;
          }
          if (triangleTouchesBox(0.5)) surface[i] = 1;
        }
      }
    }
  }
  return surface;
}

/** Separating-axis test of the triangle A, B, C (relative to the box centre) against the cube of half-size `half`. */
function triangleTouchesBox(half: number): boolean {
  for (let a = 0; a < 3; a++) {
    EDGES[0][a] = B[a] - A[a];
    EDGES[1][a] = C[a] - B[a];
    EDGES[2][a] = A[a] - C[a];
  }
  // The box's face normals.
  for (let a = 0; a < 3; a++) {
    if (Math.min(A[a], B[a], C[a]) > half || Math.max(A[a], B[a], C[a]) < -half) return false;
  }
  // The triangle's normal.
  cross(EDGES[0], EDGES[1], AXIS);
  if (separates()) return false;
  // Edge × box axis.
  for (const e of EDGES) {
    for (let a = 0; a < 3; a++) {
      AXIS[0] = a === 0 ? 0 : a === 1 ? e[2] : -e[1];
      AXIS[1] = a === 0 ? -e[2] : a === 1 ? 0 : e[0];
      AXIS[2] = a === 0 ? e[1] : a === 1 ? -e[0] : 0;
      if (separates()) return false;
    }
  }
  return true;

  function separates(): boolean {
    const p0 = AXIS[0] * A[0] + AXIS[1] * A[1] + AXIS[2] * A[2];
    const p1 = AXIS[0] * B[0] + AXIS[1] * B[1] + AXIS[2] * B[2];
    const p2 = AXIS[0] * C[0] + AXIS[1] * C[1] + AXIS[2] * C[2];
    const r = half * (Math.abs(AXIS[0]) + Math.abs(AXIS[1]) + Math.abs(AXIS[2]));
    return Math.min(p0, p1, p2) > r || Math.max(p0, p1, p2) < -r;
  }
}

function cross(a: Float64Array, b: Float64Array, out: Float64Array): void {
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}
