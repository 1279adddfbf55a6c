import { checkOutputPath, intOption, parseCommand, ProgressBar, TrainingDivergedError, UsageError } from '@ebm/core';
import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { meanFill } from '../baselines/meanFill.js';
import { fillingPreset } from '../inpainting/fillByLearning.js';
import { inpaint, MODEL_MEAN_SAMPLES } from '../inpainting/inpaint.js';
import { inpaintByLearning, learningPreset } from '../inpainting/inpaintByLearning.js';
import { MEAN_ESTIMATE_MAX_RADIUS } from '../inpainting/inpaintingEstimate.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { readImage } from '../io/readImage.js';
import { readMask } from '../io/readMask.js';
import { writePng } from '../io/writePng.js';
import { countMissing } from '../masks/Mask.js';
import { loadImageModel } from '../model/loadImageModel.js';
import { saveImageModel } from '../model/saveImageModel.js';
import { SEED_OPTION, seedOption, THREADS_OPTION, threadsOption } from './commonOptions.js';

const METHODS = ['ebm', 'harmonic', 'mean'] as const;
const ESTIMATES = ['auto', 'mean', 'sample'] as const;

const LEARN_HOLE = fillingPreset(64, 64, centralSquareMask(64, 64, 16));
const LEARN_SCATTERED = learningPreset();

/** The option table of `ebm-image inpaint`; the defaults it shows come from the presets and the library's constants. */
export const INPAINT_SPEC = {
  name: 'ebm-image inpaint',
  summary:
    'Fills the missing pixels of an image. The mask has the image\'s size; white (≥ 128) marks missing pixels.\n' +
    'With --model: conditional sampling under a trained model, observed pixels held fixed. With --learn: a texture\n' +
    'model is learned from the observed pixels of the input itself while the missing ones are recovered (stochastic EM,\n' +
    'as in the recovery experiments of the spatial-temporal generative ConvNet). --method harmonic|mean: classical baselines.',
  options: {
    input: { type: 'string', value: 'image', description: 'PNG, JPEG or WebP image', required: true },
    mask: { type: 'string', value: 'mask.png', description: 'mask of the same size, white = missing', required: true },
    out: { type: 'string', value: 'file.png', description: 'PNG to write', required: true },
    model: { type: 'string', value: 'model.ebm', description: 'model file to inpaint with' },
    learn: { type: 'boolean', description: 'learn the model from the input image itself' },
    method: { type: 'string', value: 'ebm|harmonic|mean', description: 'ebm (needs --model or --learn), harmonic (Laplace) or mean fill', default: 'ebm' },
    steps: {
      type: 'string',
      value: 'K',
      description:
        `sampler steps (default: --model the model's for a sample, twice the model's for the mean; ` +
        `--learn ${LEARN_HOLE.sampler.options.steps} for a sample, ${LEARN_SCATTERED.sampler.options.steps} per recovery sweep for the mean)`,
    },
    iterations: {
      type: 'string',
      value: 'N',
      description: `parameter updates with --learn (default: ${LEARN_HOLE.training.iterations} for a sample, ${LEARN_SCATTERED.training.iterations} for the mean)`,
    },
    samples: { type: 'string', value: 'N', description: `recoveries averaged into the result (default: --model ${MODEL_MEAN_SAMPLES} for the mean, else 1)` },
    estimate: {
      type: 'string',
      value: 'auto|mean|sample',
      description:
        'mean (lowest error; sharp for scattered pixels), sample (texture, also in large holes), ' +
        `auto: mean unless a hole is wider than ${2 * MEAN_ESTIMATE_MAX_RADIUS} px`,
      default: 'auto',
    },
    'mask-resize': { type: 'boolean', description: 'scale a mask of another size to the image (nearest neighbour)' },
    'save-model': { type: 'string', value: 'model.ebm', description: 'with --learn: also write the learned model' },
    seed: SEED_OPTION,
    threads: THREADS_OPTION,
  },
  examples: [
    'ebm-image inpaint --input wall.png --mask holes.png --learn --out wall-filled.png',
    'ebm-image inpaint --input wall.png --mask holes.png --model brick.ebm --out wall-filled.png',
    'ebm-image inpaint --input wall.png --mask holes.png --method harmonic --out wall-harmonic.png',
  ],
} as const;

/** `ebm-image inpaint`: see {@link INPAINT_SPEC}. */
export async function inpaintCommand(argv: string[]): Promise<void> {
  const o = parseCommand(INPAINT_SPEC, argv);
  if (!o) return;
  const method = o.method as (typeof METHODS)[number];
  if (!METHODS.includes(method)) throw new UsageError(`--method ${o.method} is not a method; use one of ${METHODS.join(', ')}`);
  const estimate = o.estimate as (typeof ESTIMATES)[number];
  if (!ESTIMATES.includes(estimate)) throw new UsageError(`--estimate ${o.estimate} is not an estimate; use one of ${ESTIMATES.join(', ')}`);
  if (estimate !== 'auto' && method !== 'ebm') throw new UsageError(`--estimate is for the EBM; --method ${method} has one answer`);
  if (method === 'ebm' && !o.model === !o.learn) throw new UsageError('give exactly one of --model or --learn (or --method harmonic|mean) (see ebm-image inpaint --help)');
  if (method !== 'ebm' && (o.model || o.learn)) throw new UsageError(`--method ${method} uses no model; drop --model/--learn`);
  if (!o.out.toLowerCase().endsWith('.png')) throw new UsageError(`--out ${o.out}: inpaint writes PNG; give a .png file name`);
  await checkOutputPath(o.out);
  if (o['save-model'] !== undefined) {
    if (!o.learn) throw new UsageError('--save-model needs --learn');
    await checkOutputPath(o['save-model'], 'save-model');
  }
  const steps = intOption('steps', o.steps, 0);
  const samples = intOption('samples', o.samples);
  const seed = seedOption(o.seed);
  const threads = threadsOption(o.threads);

  const m = o.model ? await loadImageModel(o.model, { threads }) : undefined;
  const image = await readImage(o.input, m ? { channels: m.channels } : {});
  if (m && !m.preset.anySize && (image.width !== m.width || image.height !== m.height)) {
    await m.model.dispose();
    throw new UsageError(`${o.input}: image is ${image.width}x${image.height}, but ${o.model} is an ${m.preset.name} model of ${m.width}x${m.height} (scale the image to ${m.width}x${m.height})`);
  }
  const mask = await readMask(o.mask, image, { resize: o['mask-resize'] });
  if (countMissing(mask) === 0) process.stderr.write(`note: ${o.mask} marks no pixel missing (white ≥ 128 = missing); the output equals the input\n`);

  let result: ImageTensor;
  if (method === 'harmonic') result = harmonicInpaint(image, mask);
  else if (method === 'mean') result = meanFill(image, mask);
  else if (m) {
    let bar: ProgressBar | undefined;
    result = await inpaint(m, image, mask, { steps, samples, estimate, seed, onStep: (d, t) => (bar ??= new ProgressBar('inpainting', t)).update(d) });
    await m.model.dispose();
  } else {
    if (countMissing(mask) === mask.data.length) throw new UsageError(`${o.mask}: every pixel is marked missing; --learn needs observed pixels to learn from`);
    let bar: ProgressBar | undefined;
    try {
      const learned = await inpaintByLearning(image, mask, {
        iterations: intOption('iterations', o.iterations, 0),
        steps,
        samples,
        estimate,
        seed,
        threads,
        onIteration: (e, t) => (bar ??= new ProgressBar('learning', t)).update(e.iteration, `E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`),
      });
      result = learned.image;
      if (o['save-model'] !== undefined) await saveImageModel(o['save-model'], learned.model, { data: o.input, mask: o.mask });
      await learned.model.model.dispose();
    } catch (e) {
      if (e instanceof TrainingDivergedError) throw new Error(`${o.input}: learning diverged (${e.message}); nothing written to ${o.out}`);
      throw e;
    }
  }
  await writePng(o.out, result);
  process.stderr.write(`wrote ${o.out} (${countMissing(mask)} of ${mask.data.length} pixels filled, method ${method === 'ebm' ? (o.learn ? 'learn' : 'model') : method})\n`);
}
