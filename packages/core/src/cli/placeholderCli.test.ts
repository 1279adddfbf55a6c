import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPlaceholderCli } from './placeholderCli.js';

describe('runPlaceholderCli', () => {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
    process.exitCode = undefined;
  });
  const capture = (): void => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  };

  it('prints help with the summary and exits 0 for --help and for no command', () => {
    for (const argv of [['--help'], []]) {
      capture();
      runPlaceholderCli('ebm-video', 'dynamic textures.', argv);
      vi.restoreAllMocks();
      expect(out.join('')).toContain('Usage: ebm-video <command>');
      expect(out.join('')).toContain('ebm-video: dynamic textures.');
      expect(process.exitCode).toBeUndefined();
      out.length = 0;
    }
  });

  it('fails any command with one line naming the command and exit code 1', () => {
    capture();
    runPlaceholderCli('ebm-voxel', 'shapes.', ['synthesize', '--out', 'x.binvox']);
    vi.restoreAllMocks();
    expect(err).toHaveLength(1);
    expect(err[0]).toBe("ebm-voxel: 'synthesize' is not available yet (ebm-voxel is not built in this version); see ebm-voxel --help\n");
    expect(process.exitCode).toBe(1);
  });
});
