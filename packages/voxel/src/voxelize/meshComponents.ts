/**
 * Connected parts of a triangle mesh: triangles sharing a vertex (vertices at the same position count as one) are
 * in the same part.
 * @param positions [V·3]
 * @param indices [F·3]
 * @returns the part number of every triangle [F] and the number of parts
 */
export function meshComponents(positions: ArrayLike<number>, indices: Uint32Array): { component: Int32Array; count: number } {
  const vertexCount = positions.length / 3;
  // Weld: one representative per position.
  const rep = new Int32Array(vertexCount);
  const seen = new Map<string, number>();
  for (let v = 0; v < vertexCount; v++) {
    const key = `${positions[3 * v]} ${positions[3 * v + 1]} ${positions[3 * v + 2]}`;
    const r = seen.get(key);
    if (r === undefined) seen.set(key, (rep[v] = v));
    else rep[v] = r;
  }
  const parent = Int32Array.from({ length: vertexCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let t = 0; t < indices.length; t += 3) {
    const a = find(rep[indices[t]]);
    const b = find(rep[indices[t + 1]]);
    const c = find(rep[indices[t + 2]]);
    parent[b] = a;
    parent[find(c)] = a;
  }
  const label = new Map<number, number>();
  const component = new Int32Array(indices.length / 3);
  for (let t = 0; t < component.length; t++) {
    const root = find(rep[indices[3 * t]]);
    let c = label.get(root);
    if (c === undefined) label.set(root, (c = label.size));
    component[t] = c;
  }
  return { component, count: label.size };
}
