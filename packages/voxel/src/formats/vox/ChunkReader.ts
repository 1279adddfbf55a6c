import { VoxelFormatError } from '../VoxelFormatError.js';

/** Little-endian reads over a byte range that fail with a VoxelFormatError (naming the file) instead of overrunning. */
export class ChunkReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public offset: number,
    /** First offset past the readable range. */
    readonly end: number,
    private readonly file: string,
    /** What is being read, for the message, e.g. 'chunk nTRN'. */
    private readonly what: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.end) {
      throw new VoxelFormatError(`${this.file} is truncated or corrupt: ${this.what} at byte ${this.offset} needs ${n} more bytes than it has`);
    }
  }

  int32(): number {
    this.need(4);
    const v = this.view.getInt32(this.offset, true);
    this.offset += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  /** A MagicaVoxel STRING: int32 length, then that many bytes. */
  string(): string {
    const n = this.int32();
    this.need(n);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.offset + i]);
    this.offset += n;
    return s;
  }

  /** A MagicaVoxel DICT: int32 count, then key and value STRINGs. */
  dict(): Record<string, string> {
    const n = this.int32();
    if (n < 0) throw new VoxelFormatError(`${this.file} is corrupt: ${this.what} has a dictionary of ${n} entries`);
    this.need(8 * n); // every entry holds two STRING lengths at least
    const d: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const key = this.string();
      d[key] = this.string();
    }
    return d;
  }

  /** A count of `size`-byte items that must fit in what is left. */
  count(size: number): number {
    const n = this.int32();
    if (n < 0) throw new VoxelFormatError(`${this.file} is corrupt: ${this.what} has the count ${n}`);
    this.need(n * size);
    return n;
  }
}
