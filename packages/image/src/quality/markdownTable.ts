/**
 * A GitHub-flavoured markdown table.
 * @param header column titles.
 * @param rows cells as text, one array per row, as many as the header.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}
