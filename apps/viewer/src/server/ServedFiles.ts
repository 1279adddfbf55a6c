import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** One file given on the command line, as the page sees it. */
export interface ServedFile {
  /** The file's base name, e.g. 'chair.binvox'. */
  name: string;
  /** Where the page fetches it: `/files/<i>/<name, URI-encoded>`. */
  url: string;
  /** Size in bytes when the server started. */
  bytes: number;
}

/**
 * Exactly the files given to the server, each under a fixed URL. A request is matched against these URLs as
 * exact strings, so no part of a request ever becomes a file-system path: siblings of a given file, its folder
 * and anything reached by `..` or encodings are simply not in the table.
 */
export class ServedFiles {
  private constructor(
    /** The list the page reads from /api/files. */
    readonly list: readonly ServedFile[],
    private readonly byUrl: ReadonlyMap<string, string>,
  ) {}

  /**
   * Checks every path (it must exist and be a regular file, after following links) and builds the table.
   * @throws Error naming the first path that is missing or not a file
   */
  static async of(paths: readonly string[]): Promise<ServedFiles> {
    const list: ServedFile[] = [];
    const byUrl = new Map<string, string>();
    for (const [i, p] of paths.entries()) {
      const real = await realpath(p).catch(() => {
        throw new Error(`${p} does not exist`);
      });
      const st = await stat(real);
      if (!st.isFile()) throw new Error(`${p} is not a file (give files, not folders)`);
      const name = path.basename(p);
      const url = `/files/${i}/${encodeURIComponent(name)}`;
      list.push({ name, url, bytes: st.size });
      byUrl.set(url, real);
    }
    return new ServedFiles(list, byUrl);
  }

  /** The real path behind an exact URL from {@link list}, else undefined. */
  lookup(urlPath: string): string | undefined {
    return this.byUrl.get(urlPath);
  }
}
