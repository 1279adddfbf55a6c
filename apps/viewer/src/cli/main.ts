#!/usr/bin/env node
// Placeholder CLI: the command exists so scripts can find it; its features come with its own issue.
const help = `Usage: ebm-viewer <command> [options]

ebm-viewer: a three.js voxel viewer in a desktop window.
Not built yet in this version of the suite; see the project README for what is available today
(ebm for the engine, ebm-image for images).
`;
const arg = process.argv[2];
if (arg === '--version' || arg === '-V') {
  process.stdout.write('0.1.0\n');
} else if (arg === undefined || arg === '--help' || arg === '-h') {
  process.stdout.write(help);
} else {
  process.stderr.write(`ebm-viewer: '${arg}' is not available yet (ebm-viewer is not built in this version); see ebm-viewer --help\n`);
  process.exitCode = 1;
}
