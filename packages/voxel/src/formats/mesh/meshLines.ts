/** One non-empty line of a text mesh file, split at whitespace, with its 1-based line number. */
export interface MeshLine {
  tokens: string[];
  line: number;
}

/**
 * The lines of a text mesh file (OFF, OBJ, ASCII STL) with comments ('#' to the end of the line) and blank lines
 * removed. Bytes are read as Latin-1, so any byte sequence decodes.
 */
export function meshLines(bytes: Uint8Array): MeshLine[] {
  const text = new TextDecoder('latin1').decode(bytes);
  const out: MeshLine[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const hash = lines[i].indexOf('#');
    const body = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).trim();
    if (body.length > 0) out.push({ tokens: body.split(/\s+/), line: i + 1 });
  }
  return out;
}

/** A number token, or NaN when the token is not a number ('1.5e3' yes, '1.5x' no). */
export function numberToken(token: string | undefined): number {
  if (token === undefined || token.length === 0) return NaN;
  const v = Number(token);
  return /^[+-]?(\d|\.\d|inf|nan)/i.test(token) ? v : NaN;
}
