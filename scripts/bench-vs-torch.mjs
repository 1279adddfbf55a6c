#!/usr/bin/env node
// Alternates `ebm bench --json` and the PyTorch peer (../shared/peers/torch_ebm_ref.py) for several rounds
// on the same machine and prints the median ratio (ebm / torch) per net and measurement: < 1 means faster.
// Usage: node scripts/bench-vs-torch.mjs [--rounds 3] [--nets texture,voxel] [--reps 5] [--threads 2] [--allocator default|tuned]
// --allocator tuned runs both sides with glibc malloc told to keep freed memory (MALLOC_MMAP_THRESHOLD_=32 MiB,
// MALLOC_TRIM_THRESHOLD_=4 GiB) instead of returning multi-megabyte blocks to the kernel after every call: on the
// firecracker VMs measured, those blocks' page faults cost PyTorch up to 3× on the 2D nets and ebm ~25 % per video
// Langevin step. Both sides always get the same environment.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    nets: { type: 'string', default: 'texture,shortrun32,video,voxel' },
    reps: { type: 'string', default: '5' },
    threads: { type: 'string', default: '2' },
    peer: { type: 'string', default: path.resolve('../shared/peers/torch_ebm_ref.py') },
    python: { type: 'string', default: '/usr/bin/python3' },
    allocator: { type: 'string', default: 'default' },
  },
});
if (!['default', 'tuned'].includes(values.allocator)) {
  console.error(`bench-vs-torch: --allocator ${values.allocator} is not one of default, tuned`);
  process.exit(1);
}
const env =
  values.allocator === 'tuned' ? { ...process.env, MALLOC_MMAP_THRESHOLD_: '33554432', MALLOC_TRIM_THRESHOLD_: '4294967295' } : process.env;
if (!existsSync(values.peer)) {
  console.error(`bench-vs-torch: peer script ${values.peer} not found (pass --peer path/to/torch_ebm_ref.py)`);
  process.exit(1);
}
const args = ['--nets', values.nets, '--reps', values.reps, '--threads', values.threads];
const ebm = path.resolve('packages/core/dist/cli/main.js');
// The CLI runs from dist/: build it first so that the engine timed is the source checked out (tsc -b is a no-op
// when dist is current).
execFileSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-b', 'packages/core'], { stdio: 'inherit' });
const runs = { ebm: [], torch: [] };
for (let r = 0; r < Number(values.rounds); r++) {
  for (const who of r % 2 ? ['torch', 'ebm'] : ['ebm', 'torch']) {
    const out =
      who === 'ebm'
        ? execFileSync(process.execPath, [ebm, 'bench', '--json', ...args], { encoding: 'utf8', env })
        : execFileSync(values.python, [values.peer, ...args], { encoding: 'utf8', env });
    runs[who].push(JSON.parse(out.trim().split('\n').pop()));
    process.stderr.write(`round ${r + 1} ${who}: ${out.trim().split('\n').pop()}\n`);
  }
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const table = {};
for (const net of values.nets.split(',')) {
  table[net] = {};
  for (const k of ['langevin_step_ms', 'param_update_ms']) {
    const ratios = runs.ebm.map((e, i) => e[net][k] / runs.torch[i][net][k]);
    table[net][k] = {
      ebm_ms: median(runs.ebm.map((e) => e[net][k])),
      torch_ms: median(runs.torch.map((t) => t[net][k])),
      ratio: Math.round(median(ratios) * 100) / 100,
    };
  }
}
console.log(JSON.stringify({ rounds: Number(values.rounds), threads: Number(values.threads), allocator: values.allocator, torch: runs.torch[0]?.torch, table }, null, 1));
