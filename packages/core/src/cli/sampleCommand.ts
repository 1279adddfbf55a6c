import { OnnxEnergy } from '../export/OnnxEnergy.js';
import { loadModel } from '../model/persistModel.js';
import { writeNpy } from '../io/npy.js';
import { createSampler } from '../samplers/registry.js';
import { noiseChains } from '../chains/noiseChains.js';
import { exportedSamplerSettings } from '../export/exportedSampler.js';
import { Rng } from '../random/Rng.js';
import type { EnergyFn } from '../samplers/EnergyFn.js';
import { shapeSize } from '../spec/resolveNetwork.js';
import { checkOutputPath } from './checkOutputPath.js';
import { intOption, numberOption, parseCommand, UsageError } from './CommandSpec.js';
import { ProgressBar } from './ProgressBar.js';

const spec = {
  name: 'ebm sample',
  summary:
    'Draws samples by Langevin dynamics from noise, using an exported ONNX energy alone (--onnx) or a model file\n' +
    "(--model), and writes them as a float32 .npy array [count, ...input] in the network's units.",
  options: {
    onnx: { type: 'string', value: 'model.onnx', description: "exported energy (from 'ebm export')" },
    model: { type: 'string', value: 'model.ebm', description: 'model file (instead of --onnx)' },
    count: { type: 'string', value: 'N', description: 'number of samples', default: '16' },
    steps: { type: 'string', value: 'K', description: "Langevin steps (default: the model's sampler default, else 100)" },
    'step-size': { type: 'string', value: 'δ', description: "Langevin step δ (default: the model's, else 0.01)" },
    seed: { type: 'string', value: 'S', description: 'random seed', default: '0' },
    out: { type: 'string', value: 'samples.npy', description: '.npy file to write', required: true },
  },
  examples: ['ebm sample --onnx brick.onnx --count 8 --steps 200 --out samples.npy'],
} as const;

/** `ebm sample`: see {@link spec}. */
export async function sampleCommand(argv: string[]): Promise<void> {
  const o = parseCommand(spec, argv);
  if (!o) return;
  if (!o.onnx === !o.model) throw new UsageError('give exactly one of --onnx or --model (see ebm sample --help)');
  await checkOutputPath(o.out);
  const count = intOption('count', o.count)!;
  let energy: EnergyFn;
  let inputShape: number[];
  let defaults: { name: string; options: Record<string, unknown> } | undefined;
  let close: () => Promise<void>;
  if (o.onnx) {
    const e = await OnnxEnergy.open(o.onnx);
    energy = e.energyFn();
    inputShape = e.inputShape;
    defaults = e.json('sampler') as typeof defaults;
    close = () => e.close();
  } else {
    const { model, contents } = await loadModel(o.model!);
    energy = model.energyFn();
    inputShape = model.inputShape;
    defaults = contents.sampler;
    close = () => model.dispose();
  }
  const base = exportedSamplerSettings(defaults);
  const steps = intOption('steps', o.steps, 0) ?? Number(base.options.steps);
  const options: Record<string, unknown> = { ...base.options, steps };
  const stepSize = numberOption('step-size', o['step-size'], { min: 0, exclusiveMin: true });
  if (stepSize !== undefined) options.stepSize = stepSize;
  const sampler = createSampler(base.name, options);
  const rng = new Rng(intOption('seed', o.seed, 0));
  const x = noiseChains(count, shapeSize(inputShape), rng, base.init);
  const bar = new ProgressBar('sampling', steps);
  const res = await sampler.sample(energy, x, { rng, onStep: (k, e) => bar.update(k + 1, `E ${e.toFixed(2)}`) });
  await close();
  for (let i = 0; i < res.x.length; i++) {
    if (!Number.isFinite(res.x[i])) throw new Error(`sampling diverged (NaN after ${steps} steps); lower --step-size; nothing written`);
  }
  await writeNpy(o.out, { data: res.x, shape: [count, ...inputShape] });
  process.stderr.write(`wrote ${o.out} [${count}, ${inputShape.join(', ')}], mean energy ${(res.energy.reduce((a, b) => a + b, 0) / count).toFixed(3)}\n`);
}
