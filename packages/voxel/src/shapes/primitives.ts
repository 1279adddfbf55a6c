import type { TriangleMesh } from '../formats/TriangleMesh.js';

/** A point [x, y, z] in mesh units (Y up). */
export type Vec3 = readonly [number, number, number];

/**
 * An axis-aligned box: 8 corners, 12 triangles, outward counter-clockwise.
 * @param centre box centre; @param size edge lengths along x, y, z
 */
export function boxMesh(centre: Vec3, size: Vec3): TriangleMesh {
  const [cx, cy, cz] = centre;
  const [hx, hy, hz] = [size[0] / 2, size[1] / 2, size[2] / 2];
  const positions: number[] = [];
  for (let i = 0; i < 8; i++) positions.push(cx + (i & 1 ? hx : -hx), cy + (i & 2 ? hy : -hy), cz + (i & 4 ? hz : -hz));
  const quads = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]];
  const indices = quads.flatMap(([a, b, c, d]) => [a, b, c, a, c, d]);
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/**
 * An icosphere: an icosahedron subdivided `subdivisions` times, its vertices pushed onto the sphere
 * (20·4^s triangles).
 */
export function icosphereMesh(centre: Vec3, radius: number, subdivisions = 3): TriangleMesh {
  const t = (1 + Math.sqrt(5)) / 2;
  let verts: number[][] = [[-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t], [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1]];
  let faces = [
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
  ];
  verts = verts.map(unit);
  for (let s = 0; s < subdivisions; s++) {
    const mid = new Map<string, number>();
    const midpoint = (a: number, b: number): number => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let m = mid.get(key);
      if (m === undefined) {
        m = verts.push(unit([(verts[a][0] + verts[b][0]) / 2, (verts[a][1] + verts[b][1]) / 2, (verts[a][2] + verts[b][2]) / 2])) - 1;
        mid.set(key, m);
      }
      return m;
    };
    faces = faces.flatMap(([a, b, c]) => {
      const ab = midpoint(a, b);
      const bc = midpoint(b, c);
      const ca = midpoint(c, a);
      return [[a, ab, ca], [b, bc, ab], [c, ca, bc], [ab, bc, ca]];
    });
  }
  return {
    positions: Float32Array.from(verts.flatMap((v) => [centre[0] + radius * v[0], centre[1] + radius * v[1], centre[2] + radius * v[2]])),
    indices: Uint32Array.from(faces.flat()),
  };
}

function unit(v: number[]): number[] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/**
 * A solid of revolution about the vertical axis through `centre`: the closed profile [r, y] (r ≥ 0, y relative to
 * the centre) turned around Y in `segments` steps. Cylinders, cones, cups and lamp shades are lathes.
 */
export function latheMesh(centre: Vec3, profile: readonly (readonly [number, number])[], segments = 32): TriangleMesh {
  const positions: number[] = [];
  const indices: number[] = [];
  const n = profile.length;
  for (let p = 0; p < n; p++) {
    for (let s = 0; s < segments; s++) {
      const a = (2 * Math.PI * s) / segments;
      positions.push(centre[0] + profile[p][0] * Math.cos(a), centre[1] + profile[p][1], centre[2] - profile[p][0] * Math.sin(a));
    }
  }
  for (let p = 0; p < n; p++) {
    const q = (p + 1) % n;
    if (profile[p][0] === 0 && profile[q][0] === 0) continue; // along the axis: no surface
    for (let s = 0; s < segments; s++) {
      const s1 = (s + 1) % segments;
      const [a, b, c, d] = [p * segments + s, p * segments + s1, q * segments + s1, q * segments + s];
      if (profile[p][0] > 0) indices.push(a, b, c);
      if (profile[q][0] > 0) indices.push(a, c, d);
    }
  }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/** A closed vertical cylinder of radius r and height h centred at `centre`. */
export function cylinderMesh(centre: Vec3, radius: number, height: number, segments = 32): TriangleMesh {
  return latheMesh(centre, [[0, -height / 2], [radius, -height / 2], [radius, height / 2], [0, height / 2]], segments);
}

/**
 * A torus around the vertical axis (lying flat), ring radius `ring`, tube radius `tube`; with `arc` < 2π an open
 * arc from angle 0 with both ends capped, and `standing` turns it up into the x–y plane.
 */
export function torusMesh(centre: Vec3, ring: number, tube: number, options: { segments?: number; sides?: number; arc?: number; standing?: boolean } = {}): TriangleMesh {
  const segments = options.segments ?? 48;
  const sides = options.sides ?? 16;
  const arc = options.arc ?? 2 * Math.PI;
  const closed = arc >= 2 * Math.PI - 1e-9;
  const rings = closed ? segments : segments + 1;
  const positions: number[] = [];
  const indices: number[] = [];
  const place = (x: number, y: number, z: number): void => {
    // Lying flat: the ring in x–z. Standing: the ring in x–y.
    if (options.standing) positions.push(centre[0] + x, centre[1] - z, centre[2] + y);
    else positions.push(centre[0] + x, centre[1] + y, centre[2] + z);
  };
  for (let s = 0; s < rings; s++) {
    const u = (arc * s) / segments;
    for (let k = 0; k < sides; k++) {
      const v = (2 * Math.PI * k) / sides;
      const r = ring + tube * Math.cos(v);
      place(r * Math.cos(u), tube * Math.sin(v), -r * Math.sin(u));
    }
  }
  for (let s = 0; s < segments; s++) {
    const s1 = closed ? (s + 1) % segments : s + 1;
    for (let k = 0; k < sides; k++) {
      const k1 = (k + 1) % sides;
      const [a, b, c, d] = [s * sides + k, s1 * sides + k, s1 * sides + k1, s * sides + k1];
      indices.push(a, b, c, a, c, d);
    }
  }
  if (!closed) {
    // Cap each end with a fan around the tube's centre.
    for (const [s, flip] of [[0, true], [segments, false]] as const) {
      const u = (arc * s) / segments;
      const centreIndex = positions.length / 3;
      place(ring * Math.cos(u), 0, -ring * Math.sin(u));
      for (let k = 0; k < sides; k++) {
        const a = s * sides + k;
        const b = s * sides + ((k + 1) % sides);
        indices.push(...(flip ? [centreIndex, b, a] : [centreIndex, a, b]));
      }
    }
  }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/** Several meshes as one (a multi-part mesh: parts keep their own vertices). */
export function mergeMeshes(parts: readonly TriangleMesh[]): TriangleMesh {
  const positions = new Float32Array(parts.reduce((s, p) => s + p.positions.length, 0));
  const indices = new Uint32Array(parts.reduce((s, p) => s + p.indices.length, 0));
  let vo = 0;
  let io = 0;
  for (const p of parts) {
    positions.set(p.positions, vo);
    for (let i = 0; i < p.indices.length; i++) indices[io + i] = p.indices[i] + vo / 3;
    vo += p.positions.length;
    io += p.indices.length;
  }
  return { positions, indices };
}

/**
 * Volume enclosed by a closed mesh, by the divergence theorem (positive when outward counter-clockwise).
 * @returns volume in mesh units cubed
 */
export function meshVolume(mesh: TriangleMesh): number {
  const p = mesh.positions;
  let v = 0;
  for (let t = 0; t < mesh.indices.length; t += 3) {
    const a = 3 * mesh.indices[t];
    const b = 3 * mesh.indices[t + 1];
    const c = 3 * mesh.indices[t + 2];
    v += p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) - p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) + p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c]);
  }
  return v / 6;
}
