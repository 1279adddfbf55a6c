import { harmonicInpaint } from '../baselines/harmonicInpaint.js';
import { patchCopyFill } from '../baselines/patchCopyFill.js';
import { inpaint } from '../inpainting/inpaint.js';
import { inpaintByLearning } from '../inpainting/inpaintByLearning.js';
import type { ImageTensor } from '../io/ImageTensor.js';
import { centralSquareMask } from '../masks/centralSquareMask.js';
import { DETAIL_WINDOW_MARGIN, detailRatio } from '../metrics/detailRatio.js';
import { maskedRmse } from '../metrics/maskedRmse.js';
import type { ImageModel } from '../model/ImageModel.js';

/** How a hole fill scores: its RMSE over the hole relative to harmonic interpolation's, and its detail. */
export interface FillScore {
  /** RMSE over the hole divided by harmonic interpolation's (1 = as close as harmonic, values in [0, 1]). */
  rmseRatio: number;
  /** {@link detailRatio} over the hole grown by DETAIL_WINDOW_MARGIN px (1 = as detailed as the original; seams count). */
  detail: number;
}

/** One central square hole of one texture, filled by every method of the quality table. */
export interface HoleScores {
  /** Hole side, pixels. */
  side: number;
  /** Harmonic interpolation's RMSE over the hole (values in [0, 1]) and its detail. */
  harmonic: { rmse: number; detail: number };
  /** `ebm-image inpaint --learn`. */
  learn: FillScore;
  /** `ebm-image inpaint --model` with the texture model trained on the other crop. */
  model: FillScore;
  /** A real patch: the hole's pixels taken from the other crop ({@link patchCopyFill}), the reference point. */
  patch: FillScore;
  /** Wall-clock seconds of the --learn run. */
  learnSeconds: number;
  /** [C, H, W] in [0, 1] of each fill, for sample sheets. */
  images: { learn: ImageTensor; model: ImageTensor; patch: ImageTensor; harmonic: ImageTensor };
}

/**
 * Fills a central square hole of side `side` in `test` by --learn, --model, a copied real patch and harmonic
 * interpolation, and scores each against the truth.
 * @param test [C, H, W] in [0, 1], the crop to damage and fill.
 * @param other [C, H, W] in [0, 1], another crop of the same texture (what `model` was trained on).
 * @param options.learnIterations parameter updates of --learn; default its preset's.
 */
export async function measureHoles(
  test: ImageTensor,
  other: ImageTensor,
  model: ImageModel,
  side: number,
  options: { learnIterations?: number; seed?: number; threads?: number } = {},
): Promise<HoleScores> {
  const mask = centralSquareMask(test.width, test.height, side);
  const seed = options.seed ?? 0;
  const harmonic = harmonicInpaint(test, mask);
  const harmonicRmse = maskedRmse(harmonic, test, mask);
  const score = (image: ImageTensor): FillScore => ({
    rmseRatio: maskedRmse(image, test, mask) / harmonicRmse,
    detail: detailRatio(image, test, mask, DETAIL_WINDOW_MARGIN),
  });
  const t0 = Date.now();
  const learned = await inpaintByLearning(test, mask, { iterations: options.learnIterations, seed, threads: options.threads, estimate: 'sample' });
  const learnSeconds = (Date.now() - t0) / 1000;
  await learned.model.model.dispose();
  const images = {
    learn: learned.image,
    model: await inpaint(model, test, mask, { seed, estimate: 'sample' }),
    patch: patchCopyFill(test, other, mask),
    harmonic,
  };
  return {
    side,
    harmonic: { rmse: harmonicRmse, detail: detailRatio(harmonic, test, mask, DETAIL_WINDOW_MARGIN) },
    learn: score(images.learn),
    model: score(images.model),
    patch: score(images.patch),
    learnSeconds,
    images,
  };
}
