// Small meshes written out in each text and binary format, for the parser tests.

/** A unit cube [0, 1]³: 8 corners and 6 quads, outward counter-clockwise. */
export const CUBE_CORNERS = [
  [0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0],
  [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1],
] as const;

/** The cube's quads (0-based corner numbers), outward counter-clockwise. */
export const CUBE_QUADS = [
  [0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [2, 3, 7, 6], [1, 2, 6, 5], [0, 4, 7, 3],
] as const;

/** The cube as an ASCII STL (two triangles per quad). */
export function cubeAsciiStl(): string {
  const lines = ['solid cube'];
  for (const q of CUBE_QUADS) {
    for (const tri of [[q[0], q[1], q[2]], [q[0], q[2], q[3]]]) {
      lines.push('  facet normal 0 0 0', '    outer loop');
      for (const c of tri) lines.push(`      vertex ${CUBE_CORNERS[c].join(' ')}`);
      lines.push('    endloop', '  endfacet');
    }
  }
  lines.push('endsolid cube');
  return lines.join('\n') + '\n';
}

/** The cube as a binary STL. */
export function cubeBinaryStl(): Uint8Array {
  const tris = CUBE_QUADS.flatMap((q) => [[q[0], q[1], q[2]], [q[0], q[2], q[3]]]);
  const out = new Uint8Array(84 + 50 * tris.length);
  const view = new DataView(out.buffer);
  view.setUint32(80, tris.length, true);
  tris.forEach((tri, t) => tri.forEach((c, k) => CUBE_CORNERS[c].forEach((v, a) => view.setFloat32(84 + 50 * t + 12 + 12 * k + 4 * a, v, true))));
  return out;
}

/** The cube as OFF text, with a comment, as ModelNet writes it when `runOn` (the counts glued to 'OFF'). */
export function cubeOff(runOn = false): string {
  const head = runOn ? ['OFF8 6 0'] : ['OFF', '# a unit cube', '8 6 12'];
  return [...head, ...CUBE_CORNERS.map((c) => c.join(' ')), ...CUBE_QUADS.map((q) => `4 ${q.join(' ')}`)].join('\n') + '\n';
}

/** The cube as OBJ text (1-based faces with texture and normal references). */
export function cubeObj(): string {
  return ['# cube', 'o cube', ...CUBE_CORNERS.map((c) => `v ${c.join(' ')}`), 'vt 0 0', 'vn 0 0 1', ...CUBE_QUADS.map((q) => `f ${q.map((i) => `${i + 1}/1/1`).join(' ')}`)].join('\n') + '\n';
}

/** Encodes text as bytes. */
export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
