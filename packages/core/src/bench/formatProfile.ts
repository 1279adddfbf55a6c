import type { MeasureProfile } from './profileBench.js';

/**
 * A profile as text: per measure the session time, then ms per layer (forward, backward), per op type and the
 * slowest nodes, each with its share of the node time.
 */
export function formatProfile(net: string, profiles: MeasureProfile[], topOps = 10): string {
  const lines: string[] = [];
  for (const p of profiles) {
    const pct = (ms: number) => `${((100 * ms) / p.nodeMs).toFixed(0)}%`.padStart(4);
    lines.push(`${net} ${p.measure}: ${p.runMs} ms per run (${p.nodeMs} ms in nodes or primitives, ${p.runs} runs)`);
    lines.push('  by layer:');
    for (const e of p.byLayer) lines.push(`    ${e.name.padEnd(34)} ${e.ms.toFixed(2).padStart(9)} ms ${pct(e.ms)}`);
    lines.push('  by op:');
    for (const e of p.byOp.slice(0, topOps)) lines.push(`    ${e.name.padEnd(34)} ${e.ms.toFixed(2).padStart(9)} ms ${pct(e.ms)}`);
    lines.push('  slowest nodes:');
    for (const e of p.topNodes) lines.push(`    ${(e.op ?? '').padEnd(20)} ${e.ms.toFixed(2).padStart(9)} ms ${pct(e.ms)}  ${e.name}`);
  }
  return lines.join('\n') + '\n';
}
