import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Why a request path was refused: `forbidden` (403: a traversal or encoding trick) or `missing` (404). */
export type PathRefusal = 'forbidden' | 'missing';

/** A request path resolved to a file inside the root, or the reason it was refused. */
export type StaticPathResult = { file: string } | { refused: PathRefusal };

/**
 * The URL path's segments after one percent-decoding, or a refusal. Refuses (`forbidden`) everything that could
 * step outside a folder or smuggle a separator: `..` and `.` segments, empty segments (`//etc`), an encoded `/`
 * or `\` (`%2f`, `%5c`), a backslash, a NUL, and any `%` left after decoding (double encoding such as
 * `%252e%252e`), and broken escapes (overlong UTF-8 such as `%c0%ae` included).
 * @param urlPath the request target's path, starting with '/', query already removed
 */
export function pathSegments(urlPath: string): { segments: string[] } | { refused: PathRefusal } {
  if (!urlPath.startsWith('/')) return { refused: 'forbidden' };
  if (/%(2f|5c|00)/i.test(urlPath)) return { refused: 'forbidden' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { refused: 'forbidden' };
  }
  if (/[%\\\0]/.test(decoded)) return { refused: 'forbidden' };
  const segments = decoded.slice(1).split('/');
  if (segments.length === 1 && segments[0] === '') return { segments: [] };
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return { refused: 'forbidden' };
  return { segments };
}

/**
 * Maps a URL path to a regular file under `root`, refusing anything that leaves it: see {@link pathSegments} for
 * the textual checks; then the joined path must lie under the root, and so must its real path (a symlink inside
 * the root that leads out is `forbidden`). '/' maps to `index`.
 * @param root absolute path of the served folder (its real path is taken here)
 */
export async function resolveStaticPath(root: string, urlPath: string, index = 'index.html'): Promise<StaticPathResult> {
  const parsed = pathSegments(urlPath);
  if ('refused' in parsed) return parsed;
  const segments = parsed.segments.length === 0 ? [index] : parsed.segments;
  const realRoot = await realpath(root);
  const joined = path.join(realRoot, ...segments);
  if (!isInside(realRoot, joined)) return { refused: 'forbidden' };
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    return { refused: 'missing' };
  }
  if (!isInside(realRoot, real)) return { refused: 'forbidden' };
  const st = await stat(real);
  return st.isFile() ? { file: real } : { refused: 'missing' };
}

/** True when `p` is strictly below `dir` (both absolute, normalised). */
function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
