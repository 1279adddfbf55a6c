import { helpText } from '@ebm/core';
import { describe, expect, it } from 'vitest';
import { inpaintByLearning } from '../inpainting/inpaintByLearning.js';
import { fillingPreset } from '../inpainting/fillByLearning.js';
import { MODEL_MEAN_SAMPLES } from '../inpainting/inpaint.js';
import { learningPreset } from '../inpainting/inpaintByLearning.js';
import { resolveEstimate } from '../inpainting/inpaintingEstimate.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { generateTexture } from '../textures/generateTexture.js';
import { INPAINT_SPEC } from './inpaintCommand.js';
import { TRAIN_SPEC, trainSettings } from './trainCommand.js';

/** The --help line of one flag. */
function helpLine(spec: Parameters<typeof helpText>[0], flag: string): string {
  const line = helpText(spec)
    .split('\n')
    .find((l) => l.trimStart().startsWith(`--${flag} `));
  if (!line) throw new Error(`--${flag} is not in ${spec.name} --help`);
  return line;
}

/** The numbers a help line shows after the given words, e.g. numberAfter(line, 'texture') for '(default: texture 64, …'. */
function numberAfter(line: string, words: string): number {
  const m = new RegExp(`${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ([0-9.e-]+)`).exec(line);
  if (!m) throw new Error(`no number after '${words}' in: ${line}`);
  return Number(m[1]);
}

/** Runs a learning call until its first update and returns the number of updates it was going to make. */
async function plannedIterations(run: (onIteration: (e: unknown, total: number) => void) => Promise<unknown>): Promise<number> {
  let total = -1;
  const stop = new Error('stop after the first update');
  await run((_, n) => {
    total = n;
    throw stop;
  }).catch((e: unknown) => {
    if (e !== stop) throw e;
  });
  return total;
}

describe('--help shows the defaults the commands use', () => {
  it('train: size, iterations, steps and learning rate of each preset', () => {
    for (const name of ['texture', 'object'] as const) {
      const { preset, iterations } = trainSettings({ preset: name });
      expect(numberAfter(helpLine(TRAIN_SPEC, 'size'), name), `${name} size`).toBe(preset.size);
      expect(numberAfter(helpLine(TRAIN_SPEC, 'iterations'), name), `${name} iterations`).toBe(iterations);
      expect(numberAfter(helpLine(TRAIN_SPEC, 'steps'), name), `${name} steps`).toBe(preset.sampler.options.steps);
      expect(numberAfter(helpLine(TRAIN_SPEC, 'learning-rate'), name), `${name} learning rate`).toBe(preset.training.learningRate);
    }
  });

  it('inpaint: --learn iterations and steps for a hole and for scattered pixels, --model samples, the auto rule', async () => {
    const image = generateTexture('cloud', { size: 24, seed: 1 });
    const iterations = helpLine(INPAINT_SPEC, 'iterations');
    const hole = centralSquareMask(24, 24, 8);
    const scattered = randomPixelMask(24, 24, 0.5, 1);
    const opts = { threads: 1 };
    expect(numberAfter(iterations, 'default:')).toBe(await plannedIterations((onIteration) => inpaintByLearning(image, hole, { ...opts, onIteration })));
    expect(numberAfter(iterations, 'sample,')).toBe(await plannedIterations((onIteration) => inpaintByLearning(image, scattered, { ...opts, onIteration })));
    const steps = helpLine(INPAINT_SPEC, 'steps');
    expect(numberAfter(steps, '--learn')).toBe(fillingPreset(24, 24, hole).sampler.options.steps);
    expect(numberAfter(steps, 'sample,')).toBe(learningPreset().sampler.options.steps);
    expect(numberAfter(helpLine(INPAINT_SPEC, 'samples'), '--model')).toBe(MODEL_MEAN_SAMPLES);
    const widest = numberAfter(helpLine(INPAINT_SPEC, 'estimate'), 'wider than');
    expect(resolveEstimate('auto', centralSquareMask(24, 24, widest))).toBe('mean');
    expect(resolveEstimate('auto', centralSquareMask(24, 24, widest + 1))).toBe('sample');
  });
});
