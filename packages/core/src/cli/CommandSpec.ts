import { parseArgs } from 'node:util';

/** A command-line option: its type, a one-line description, a default shown in --help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  default?: string | boolean;
  /** Value placeholder in --help, e.g. 'N' or 'file.png'. */
  value?: string;
  required?: boolean;
  short?: string;
}

/** A (sub)command: usage line, summary, option table, positional arguments description. */
export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  summary: string;
  options: O;
  positionals?: string;
  examples?: readonly string[];
}

/** Parsed options: strings or booleans by name, plus positionals. */
export type ParsedOptions<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? boolean
    : O[K]['required'] extends true
      ? string
      : O[K] extends { default: string }
        ? string
        : string | undefined;
} & { _: string[] };

/** Wrong command-line usage; the CLI prints the message and a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Renders `--help` text from a command spec. */
export function helpText(cmd: CommandSpec): string {
  const lines = [`Usage: ${cmd.name} ${cmd.positionals ? cmd.positionals + ' ' : ''}[options]`, '', cmd.summary, '', 'Options:'];
  const entries = Object.entries(cmd.options).map(([k, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    const extra = o.required ? ' (required)' : o.default !== undefined && o.default !== false ? ` (default: ${o.default})` : '';
    return [flag, o.description + extra];
  });
  entries.push(['-h, --help', 'show this help']);
  const w = Math.max(...entries.map((e) => e[0].length)) + 2;
  for (const [f, d] of entries) lines.push(`  ${f.padEnd(w)}${d}`);
  if (cmd.examples?.length) lines.push('', 'Examples:', ...cmd.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}

/**
 * Parses argv against the option table; returns null after printing help when -h/--help is given.
 * @throws UsageError for unknown options, missing required ones or values
 */
export function parseCommand<O extends Record<string, OptionSpec>>(cmd: CommandSpec<O>, argv: string[]): ParsedOptions<O> | null {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [k, o] of Object.entries(cmd.options)) options[k] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's message goes on about positional arguments after '--'; the first sentence is what matters.
    const first = (e as Error).message.split('\n')[0].split('. To specify a positional argument')[0].replace(/\.$/, '');
    throw new UsageError(`${first.charAt(0).toLowerCase()}${first.slice(1)} (see ${cmd.name} --help)`);
  }
  if (parsed.values.help) {
    process.stdout.write(helpText(cmd));
    return null;
  }
  const out: Record<string, unknown> = { _: parsed.positionals };
  for (const [k, o] of Object.entries(cmd.options)) {
    const v = parsed.values[k] ?? o.default;
    if (o.required && (v === undefined || v === '')) throw new UsageError(`${cmd.name}: --${k} is required (see ${cmd.name} --help)`);
    out[k] = o.type === 'boolean' ? Boolean(v) : v;
  }
  return out as ParsedOptions<O>;
}

/** Parses a whole number option, with a clear error naming the flag. */
export function intOption(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} ${value} must be a whole number ≥ ${min}`);
  return n;
}

/** Parses a number option, with a clear error naming the flag. */
export function numberOption(name: string, value: string | undefined, { min = -Infinity, exclusiveMin = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || (exclusiveMin && n === min)) {
    throw new UsageError(`--${name} ${value} must be a number ${exclusiveMin ? '>' : '≥'} ${min}`);
  }
  return n;
}
