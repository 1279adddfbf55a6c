/**
 * The command line of a package that is not built yet: `--help` says what it will do, `--version` prints the
 * version, and any other command fails with one line on stderr and exit code 1, so scripts can already find the
 * binary and get a clear answer.
 * @param command the binary's name, e.g. 'ebm-video'.
 * @param summary one line on what the package is for.
 * @param argv the arguments after the command (process.argv.slice(2)).
 */
export function runPlaceholderCli(command: string, summary: string, argv: readonly string[] = process.argv.slice(2), version = '0.1.0'): void {
  const arg = argv[0];
  if (arg === '--version' || arg === '-V') {
    process.stdout.write(`${version}\n`);
  } else if (arg === undefined || arg === '--help' || arg === '-h') {
    process.stdout.write(
      `Usage: ${command} <command> [options]\n\n${command}: ${summary}\n` +
        'Not built yet in this version of the suite; see the project README for what is available today\n' +
        '(ebm for the engine, ebm-image for images).\n',
    );
  } else {
    process.stderr.write(`${command}: '${arg}' is not available yet (${command} is not built in this version); see ${command} --help\n`);
    process.exitCode = 1;
  }
}
