import { UsageError } from './CommandSpec.js';

/**
 * Runs a CLI entry: known errors (every typed error of the suite, and file-system errors) print one line
 * `<tool>: <message>` and exit 1 (2 for usage); nothing prints a stack trace unless EBM_DEBUG=1.
 */
export async function runCli(tool: string, main: (argv: string[]) => Promise<void>): Promise<void> {
  try {
    await main(process.argv.slice(2));
  } catch (e) {
    const err = e as Error & { code?: string };
    if (process.env.EBM_DEBUG === '1') console.error(err);
    const msg = (err?.message ?? String(e)).split('\n')[0];
    process.stderr.write(`${tool}: ${msg}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}

/** Dispatches `tool <subcommand> …` to a table of subcommands; prints the list on --help or no command. */
export async function dispatch(
  tool: string,
  summary: string,
  commands: Record<string, { summary: string; run: (argv: string[]) => Promise<void> }>,
  argv: string[],
  version = '0.1.0',
): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === '--version' || sub === '-V') {
    process.stdout.write(`${version}\n`);
    return;
  }
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    const w = Math.max(...Object.keys(commands).map((k) => k.length)) + 2;
    process.stdout.write(
      `Usage: ${tool} <command> [options]\n\n${summary}\n\nCommands:\n` +
        Object.entries(commands)
          .map(([k, c]) => `  ${k.padEnd(w)}${c.summary}`)
          .join('\n') +
        `\n\nRun '${tool} <command> --help' for a command's options.\n`,
    );
    if (!sub) process.exitCode = 2;
    return;
  }
  const cmd = commands[sub];
  if (!cmd) throw new UsageError(`unknown command '${sub}'; commands: ${Object.keys(commands).join(', ')} (see ${tool} --help)`);
  await cmd.run(rest);
}
