/**
 * A one-line progress bar on stderr: `label [#####.....] 12/30 0:04 <detail>`. Redraws in place on a
 * terminal and prints at most one line every few seconds otherwise (logs, CI), so output stays readable.
 */
export class ProgressBar {
  private readonly start = Date.now();
  private lastPrint = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** Shows `done` of `total` with an optional detail text (e.g. energies). */
  update(done: number, detail = ''): void {
    const now = Date.now();
    const final = done >= this.total;
    if (!this.tty && !final && now - this.lastPrint < 5000 && done !== 1) return;
    this.lastPrint = now;
    const width = 24;
    const filled = Math.round((width * Math.min(done, this.total)) / Math.max(1, this.total));
    const secs = (now - this.start) / 1000;
    const eta = done > 0 && !final ? ` eta ${clock((secs * (this.total - done)) / done)}` : '';
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${clock(secs)}${eta} ${detail}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else this.stream.write(line + '\n');
  }
}

function clock(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}
