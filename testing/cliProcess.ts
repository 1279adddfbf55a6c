// Test harness shared by every package's CLI tests: a command run as users run it (a separate process, the
// TypeScript source through tsx, no build) and the failure contract every command keeps.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root: the working directory of every CLI run. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What a CLI process printed and how it ended. */
export interface CliRun {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node --import tsx <main> ...args` from the repository root with EBM_DEBUG unset (so errors stay one line).
 * @param main absolute path of the CLI's main.ts.
 * @param extraEnv variables set for this run on top of this process's environment.
 */
export function runCli(main: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...extraEnv };
    delete env.EBM_DEBUG;
    const p = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The failure contract: exit code `code`, exactly one line on stderr that starts with `<command>: ` and contains
 * (or matches) `text`, and no stack trace.
 */
export function expectOneLineError(r: CliRun, command: string, code: number, text: string | RegExp): void {
  expect(r.code, `exit code; stderr: ${r.stderr}`).toBe(code);
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0].startsWith(`${command}: `), lines[0]).toBe(true);
  if (typeof text === 'string') expect(lines[0]).toContain(text);
  else expect(lines[0]).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
