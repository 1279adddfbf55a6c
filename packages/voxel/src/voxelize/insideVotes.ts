/** Crossings of one axis-parallel ray with one mesh part: coordinates along the ray, unsorted. */
interface PartRay {
  axis: number;
  /** Ray number j·R + k over the other two axes in cyclic order. */
  row: number;
  hits: number[];
}

/**
 * The voxel centres inside each part of a mesh by ray parity (Nooruddin and Turk 2003, "Simplification and repair of
 * polygonal models using volumetric techniques"): along each axis, in both directions, a ray from outside the grid
 * to the centre counts the crossings of the part's surface; an odd count is an inside vote. A centre is inside the
 * part with at least `minVotes` of the six votes. Parts are taken one by one, so overlapping closed parts (a leg
 * pushed into a seat) stay solid; parity ignores face orientation; a hole misleads only the rays through it.
 * @param grid triangle corners in voxel units (voxel (d, h, w) = [d, d+1) × [h, h+1) × [w, w+1)), [V·3]
 * @param indices [F·3]
 * @param component part of each triangle [F], `parts` in all
 * @returns for each part, the C-order indices of the voxels inside it
 */
export function insideByPart(grid: Float64Array, indices: Uint32Array, component: Int32Array, parts: number, R: number, minVotes: number): Int32Array[] {
  const rays: PartRay[][] = Array.from({ length: parts }, () => []);
  for (let axis = 0; axis < 3; axis++) {
    const rows = rayHits(grid, indices, R, axis);
    rows.forEach((hits, row) => {
      if (!hits) return;
      const byPart = new Map<number, number[]>();
      for (let h = 0; h < hits.length; h += 2) {
        const part = component[hits[h + 1]];
        let list = byPart.get(part);
        if (!list) byPart.set(part, (list = []));
        list.push(hits[h]);
      }
      for (const [part, list] of byPart) rays[part].push({ axis, row, hits: list });
    });
  }
  const votes = new Uint8Array(R * R * R);
  const touched: number[] = [];
  const stride = [R * R, R, 1];
  return rays.map((partRays) => {
    for (const { axis, row, hits } of partRays) {
      hits.sort((a, b) => a - b);
      const base = Math.floor(row / R) * stride[(axis + 1) % 3] + (row % R) * stride[(axis + 2) % 3];
      const vote = (from: number, to: number): void => {
        // Centres i + ½ strictly between the crossings `from` and `to`.
        for (let i = Math.max(0, Math.ceil(from - 0.5)); i < R && i + 0.5 < to; i++) {
          if (i + 0.5 <= from) continue;
          const v = base + i * stride[axis];
          if (votes[v] === 0) touched.push(v);
          votes[v]++;
        }
      };
      const n = hits.length;
      // From −∞: inside between crossings 1–2, 3–4, … (and after the last when the count is odd).
      for (let k = 0; k < n; k += 2) vote(hits[k], k + 1 < n ? hits[k + 1] : Infinity);
      // From +∞: the same counted from the other end.
      for (let k = n - 1; k >= 0; k -= 2) vote(k - 1 >= 0 ? hits[k - 1] : -Infinity, hits[k]);
    }
    const inside = touched.filter((v) => votes[v] >= minVotes);
    for (const v of touched) votes[v] = 0;
    touched.length = 0;
    return Int32Array.from(inside);
  });
}

/**
 * Crossings of the rays along `axis` through the voxel centres, per ray (row j·R + k over the other two axes in
 * cyclic order): [t, triangle, t, triangle, …] with t the coordinate along the axis. A ray exactly on an edge or a
 * corner is counted once (the top-left rule of rasterisers, on edge functions computed the same way for both
 * triangles of an edge).
 */
function rayHits(grid: Float64Array, indices: Uint32Array, R: number, axis: number): (number[] | undefined)[] {
  const b = (axis + 1) % 3;
  const c = (axis + 2) % 3;
  const rows: (number[] | undefined)[] = new Array(R * R);
  const u = [0, 0, 0];
  const v = [0, 0, 0];
  const depth = [0, 0, 0];
  for (let t = 0; t < indices.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const o = 3 * indices[t + k];
      u[k] = grid[o + b];
      v[k] = grid[o + c];
      depth[k] = grid[o + axis];
    }
    let area = (u[1] - u[0]) * (v[2] - v[0]) - (u[2] - u[0]) * (v[1] - v[0]);
    if (area === 0) continue; // seen edge-on from this axis
    if (area < 0) {
      // Counter-clockwise in (u, v) for the edge rule.
      [u[1], u[2]] = [u[2], u[1]];
      [v[1], v[2]] = [v[2], v[1]];
      [depth[1], depth[2]] = [depth[2], depth[1]];
      area = -area;
    }
    const j0 = Math.max(0, Math.ceil(Math.min(u[0], u[1], u[2]) - 0.5));
    const j1 = Math.min(R - 1, Math.floor(Math.max(u[0], u[1], u[2]) - 0.5));
    const k0 = Math.max(0, Math.ceil(Math.min(v[0], v[1], v[2]) - 0.5));
    const k1 = Math.min(R - 1, Math.floor(Math.max(v[0], v[1], v[2]) - 0.5));
    for (let j = j0; j <= j1; j++) {
      const pu = j + 0.5;
      for (let k = k0; k <= k1; k++) {
        const pv = k + 0.5;
        const e0 = edge(u[1], v[1], u[2], v[2], pu, pv);
        const e1 = edge(u[2], v[2], u[0], v[0], pu, pv);
        const e2 = edge(u[0], v[0], u[1], v[1], pu, pv);
        if (!covers(e0, u[1], v[1], u[2], v[2]) || !covers(e1, u[2], v[2], u[0], v[0]) || !covers(e2, u[0], v[0], u[1], v[1])) continue;
        (rows[j * R + k] ??= []).push((e0 * depth[0] + e1 * depth[1] + e2 * depth[2]) / area, t / 3);
      }
    }
  }
  return rows;
}

/**
 * Edge function of the directed edge a → b at p (positive left of the edge), computed from the lexicographically
 * smaller end so that the two triangles of an edge get exactly opposite values.
 */
function edge(au: number, av: number, bu: number, bv: number, pu: number, pv: number): number {
  if (au < bu || (au === bu && av < bv)) return (bu - au) * (pv - av) - (bv - av) * (pu - au);
  return -((au - bu) * (pv - bv) - (av - bv) * (pu - bu));
}

/** Inside an edge of a counter-clockwise triangle: strictly left, or on a top or left edge. */
function covers(e: number, au: number, av: number, bu: number, bv: number): boolean {
  if (e !== 0) return e > 0;
  const dv = bv - av;
  return dv < 0 || (dv === 0 && bu - au < 0);
}
