import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `@ebm/core/sampling` is bundled into the browser viewer: every module it reaches must be free of Node APIs and of
 * onnxruntime-node. This walks its static imports from the source and lists any that are not.
 */
const SRC = dirname(fileURLToPath(import.meta.url));
const NODE_ONLY = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'onnxruntime-node']);

function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('@ebm/core/sampling', () => {
  it('reaches no Node module, no onnxruntime-node and no Buffer/process global', () => {
    const files = reachable(join(SRC, 'sampling.ts'));
    expect(files.size).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const [file, specs] of files) {
      for (const s of specs) if (NODE_ONLY.has(s)) offenders.push(`${file.slice(SRC.length + 1)} imports ${s}`);
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\b(Buffer|process)\./.test(code)) offenders.push(`${file.slice(SRC.length + 1)} uses Buffer or process`);
    }
    expect(offenders).toEqual([]);
  });

  it('exports the samplers, chain starts and export metadata helpers a page needs', async () => {
    const m = await import('./sampling.js');
    for (const name of ['Rng', 'createSampler', 'Langevin', 'Sgld', 'noiseChains', 'EXPORT_METADATA', 'readMetadata', 'exportedSamplerSettings']) {
      expect(m, name).toHaveProperty(name);
    }
  });
});
