/**
 * The line(s) under the toolbar that say what went wrong (a file that cannot be read, a model that does not fit)
 * or, as info, what happened. Never left blank on failure: the canvas alone would say nothing.
 */
export class MessageBar {
  constructor(private readonly element: HTMLElement) {}

  /** Shows one line per problem, in red. */
  error(lines: readonly string[]): void {
    this.show(lines, 'error');
  }

  /** Shows a neutral note. */
  info(line: string): void {
    this.show([line], 'info');
  }

  clear(): void {
    this.element.hidden = true;
    this.element.textContent = '';
  }

  private show(lines: readonly string[], kind: 'error' | 'info'): void {
    if (lines.length === 0) return this.clear();
    this.element.className = kind;
    this.element.textContent = lines.join('\n');
    this.element.hidden = false;
  }
}
