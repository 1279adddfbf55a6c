import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { meanFill } from '../baselines/meanFill.js';
import { inpaint } from '../inpainting/inpaint.js';
import { inpaintByLearning } from '../inpainting/inpaintByLearning.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import type { Mask } from '../masks/Mask.js';
import { randomPixelMask } from '../masks/randomPixelMask.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import { detailRatio } from '../metrics/detailRatio.js';
import type { ImageModel } from '../model/ImageModel.js';

/** The two masks of the quality tables. */
export type QualityMaskName = 'random50' | 'square';

/** RMSE over the missing pixels (values in [0, 1]) of each inpainting method, and the filled images. */
export interface InpaintingScores {
  mask: QualityMaskName;
  /** EBM learned from the observed pixels of the test crop itself (ebm-image inpaint --learn). */
  learn: number;
  /** texture model trained on the other crop (ebm-image inpaint --model). */
  model: number;
  mean: number;
  harmonic: number;
  /** [C, H, W] in [0, 1] for each method, for sample sheets. */
  images: { learn: ImageTensor; model: ImageTensor; mean: ImageTensor; harmonic: ImageTensor };
  /**
   * {@link detailRatio} of each method's fill (1: as much fine detail as the original, 0: harmonic smoothness);
   * NaN where the original is flat under the mask.
   */
  detail: { learn: number; model: number; mean: number; harmonic: number };
  /** Wall-clock seconds of the --learn run. */
  learnSeconds: number;
}

/**
 * The mask of the quality tables for a square image of side `size`: 50 % of pixels missing at random (seed 7),
 * or the central square of side size/4.
 * @returns [size, size], 1 = missing.
 */
export function qualityMask(name: QualityMaskName, size: number): Mask {
  return name === 'random50' ? randomPixelMask(size, size, 0.5, 7) : centralSquareMask(size, size);
}

/**
 * Inpaints `test` under one mask by the four methods of the table and scores each by the RMSE over the missing pixels.
 * @param test [C, H, W] in [0, 1], the image to damage and recover.
 * @param model a texture model trained on another crop of the same texture.
 * @param learnIterations parameter updates of --learn; default its preset's.
 */
export async function measureInpainting(
  test: ImageTensor,
  model: ImageModel,
  maskName: QualityMaskName,
  options: { learnIterations?: number; seed?: number; threads?: number } = {},
): Promise<InpaintingScores> {
  const mask = qualityMask(maskName, test.width);
  const seed = options.seed ?? 0;
  const t0 = Date.now();
  const learned = await inpaintByLearning(test, mask, { iterations: options.learnIterations, seed, threads: options.threads });
  const learnSeconds = (Date.now() - t0) / 1000;
  await learned.model.model.dispose();
  const images = {
    learn: learned.image,
    model: await inpaint(model, test, mask, { seed }),
    mean: meanFill(test, mask),
    harmonic: harmonicInpaint(test, mask),
  };
  return {
    mask: maskName,
    learn: maskedRmse(images.learn, test, mask),
    model: maskedRmse(images.model, test, mask),
    mean: maskedRmse(images.mean, test, mask),
    harmonic: maskedRmse(images.harmonic, test, mask),
    images,
    detail: {
      learn: detailRatio(images.learn, test, mask),
      model: detailRatio(images.model, test, mask),
      mean: detailRatio(images.mean, test, mask),
      harmonic: detailRatio(images.harmonic, test, mask),
    },
    learnSeconds,
  };
}
