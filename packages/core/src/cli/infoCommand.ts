import fs from 'node:fs/promises';
import { OnnxEnergy, readMetadata } from '../export/OnnxEnergy.js';
import { loadModelFile } from '../model/modelIO.js';
import { ModelFileError } from '../model/ModelFileError.js';
import { resolveNetwork } from '../spec/resolveNetwork.js';
import type { NetworkSpec } from '../spec/NetworkSpec.js';
import { parseCommand, UsageError } from './CommandSpec.js';

const spec = {
  name: 'ebm info',
  summary: 'Prints what a model file (.ebm) or an exported ONNX model holds: network, parameters, normalisation, sampler, training.',
  positionals: '<model.ebm|model.onnx>',
  options: { json: { type: 'boolean', description: 'print JSON' } },
} as const;

/** `ebm info`: see {@link spec}. */
export async function infoCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  const file = o._[0];
  if (!file) throw new UsageError('ebm info needs a file: ebm info model.ebm');
  const head = await fs.readFile(file).catch(() => {
    throw new ModelFileError(`${file} does not exist or cannot be read`, file);
  });
  let info: Record<string, unknown>;
  if (head.subarray(0, 8).toString('latin1') === 'EBMMODEL') {
    const m = await loadModelFile(file);
    const net = resolveNetwork(m.spec);
    const t = m.training?.trainer as { iteration?: number } | undefined;
    info = {
      file,
      kind: 'ebm model file',
      formatVersion: m.formatVersion,
      domain: m.domain,
      input: net.inShape,
      layers: m.spec.layers.map(describeLayer),
      parameters: net.paramCount,
      readout: m.spec.readout ?? 'sum',
      referenceSigma: m.spec.referenceSigma,
      normalisation: m.normalisation,
      sampler: m.sampler,
      trainedIterations: t?.iteration,
      resumable: Boolean(t),
      training: Object.fromEntries(Object.entries(m.training ?? {}).filter(([k]) => k !== 'trainer')),
      meta: m.meta,
    };
  } else {
    const e = await OnnxEnergy.open(file);
    const meta = readMetadata(head);
    const s = e.json('spec') as NetworkSpec;
    await e.close();
    info = {
      file,
      kind: 'exported ONNX energy',
      domain: meta['ebm.domain'],
      input: ['N', ...s.input],
      outputs: s.readout === 'logsumexp' ? ['energy [N]', 'logits [N, K]', 'grad_x [N, ...input]'] : ['energy [N]', 'grad_x [N, ...input]'],
      layers: s.layers.map(describeLayer),
      parameters: resolveNetwork(s).paramCount,
      normalisation: e.json('normalisation'),
      sampler: e.json('sampler'),
    };
  }
  if (o.json) {
    process.stdout.write(JSON.stringify(info, null, 2) + '\n');
    return;
  }
  for (const [k, v] of Object.entries(info)) {
    if (v === undefined) continue;
    if (k === 'layers') process.stdout.write(`layers:\n${(v as string[]).map((l, i) => `  ${i}: ${l}`).join('\n')}\n`);
    else process.stdout.write(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
  }
}

function describeLayer(l: NetworkSpec['layers'][number]): string {
  const { type, ...rest } = l as unknown as Record<string, unknown>;
  const args = Object.entries(rest).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('x') : v}`);
  return `${type}${args.length ? ' ' + args.join(' ') : ''}`;
}
