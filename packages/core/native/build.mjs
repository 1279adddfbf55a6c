#!/usr/bin/env node
// Builds the oneDNN addon (build/ebm_dnnl.node) from ebm_dnnl.cc and dnnl_net.cc with g++ against Debian's
// libdnnl-dev and Node's own headers. Without them it says so and exits 0: the engine then runs onnxruntime only.
// Usage: node packages/core/native/build.mjs [--force]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'build', 'ebm_dnnl.node');
const sources = ['ebm_dnnl.cc', 'dnnl_net.cc', 'dnnl_net.hpp', 'forward_weight_gradient.cc', 'forward_weight_gradient.hpp', 'space_to_depth.cc', 'space_to_depth.hpp', 'gemm_input_gradient.cc', 'gemm_input_gradient.hpp'].map((f) => path.join(here, f));
const dnnlHeader = '/usr/include/oneapi/dnnl/dnnl.hpp';
const nodeIncludes = [path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node'), '/usr/include/node'];
const nodeInclude = nodeIncludes.find((d) => fs.existsSync(path.join(d, 'node_api.h')));

function skip(why) {
  console.error(`native: not building the oneDNN addon: ${why}. The engine will run onnxruntime only; scripts/setup.sh installs what is missing.`);
  process.exit(0);
}

if (!fs.existsSync(dnnlHeader)) skip(`${dnnlHeader} is missing (Debian package libdnnl-dev)`);
try {
  execFileSync('g++', ['--version'], { stdio: 'ignore' });
} catch {
  skip('g++ is not installed (Debian package g++)');
}
if (!nodeInclude) skip(`Node's headers (node_api.h) are not in ${nodeIncludes.join(' or ')}`);
const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
if (!process.argv.includes('--force') && fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) process.exit(0);

fs.mkdirSync(path.dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const args = ['-O2', '-std=c++17', '-fopenmp', '-shared', '-fPIC', '-DNODE_GYP_MODULE_NAME=ebm_dnnl', `-I${nodeInclude}`,
  ...sources.filter((f) => f.endsWith('.cc')), '-ldnnl', '-lgomp', '-o', tmp];
try {
  execFileSync('g++', args, { stdio: ['ignore', 'inherit', 'inherit'] });
} catch (e) {
  fs.rmSync(tmp, { force: true });
  console.error(`native: g++ failed to build the oneDNN addon (${e.message.split('\n')[0]})`);
  process.exit(1);
}
fs.renameSync(tmp, out);
console.error(`native: built ${path.relative(process.cwd(), out)}`);
