import { SGLD_PRESETS, type SgldOptions } from '@ebm/core';

/** Settings of JEM training ({@link JemTrainer}). */
export interface JemOptions {
  /** Labelled images per iteration (JEM: 64). */
  batchSize: number;
  /** Adam learning rate after warm-up. */
  learningRate: number;
  /** Iterations of linear learning-rate warm-up from 0 (JEM's README: 1000 of its 200 epochs). */
  warmupIterations: number;
  /** Iterations after which the learning rate is multiplied by `decayRate` (JEM: epochs 160 and 180 of 200). */
  decayIterations: number[];
  /** Factor of each decay (JEM: 0.3). */
  decayRate: number;
  /** Weight of log p(x), the MCMC maximum-likelihood term (JEM: 1); 0 trains a plain classifier. */
  pxWeight: number;
  /** Weight of log p(y | x), the cross-entropy (JEM: 1). */
  pyxWeight: number;
  /**
   * α of the energy penalty α·(mean E(data)² + mean E(samples)²) that keeps the logits' scale in check (Du & Mordatch's
   * IGEBM regulariser; not in JEM); 0 = none. Only with the p(x) term.
   */
  energyPenalty: number;
  /** SGLD of the negative samples (JEM: 20 steps, step size α = 1, noise η = 0.01, on images in [−1, 1]). */
  sgld: SgldOptions;
  /** Replay buffer: capacity and reinitialisation probability (JEM: 10,000 and 0.05), started full of U(−1, 1) noise. */
  replay: { capacity: number; reinitProb: number };
  /** σ of the Gaussian noise added to the data batch (JEM's --sigma: 0.03). */
  dataNoise: number;
  /** Random translation of the data batch by up to this many pixels (background filled with −1); 0 = none. */
  shift: number;
  /** Stop when |mean E(data) − mean E(samples)| exceeds this (the trainer's divergence guard). */
  maxEnergyGap: number;
  /** Seed of the trainer's RNG (batches, augmentation, buffer, SGLD noise). */
  seed: number;
}

/**
 * The defaults of `ebm-image jem train`. The sampler, buffer and data noise are JEM's own (Grathwohl et al. 2020,
 * wgrathwohl/JEM train_wrn_ebm.py: --n_steps 20, --sgld_lr 1, --sgld_std 0.01, --buffer_size 10000, --reinit_freq 0.05,
 * --sigma 0.03, --batch_size 64, --p_x_weight 1, --p_y_given_x_weight 1). JEM's learning rate 1e-4 with 1,000 warm-up
 * iterations is set for a 36-million-parameter WideResNet over 200 epochs; this 128k-parameter net in an hour's budget
 * takes 1e-3 (measured: see the package README) with a proportionally shorter warm-up.
 */
export const JEM_DEFAULTS: JemOptions = {
  batchSize: 64,
  learningRate: 1e-3,
  warmupIterations: 200,
  decayIterations: [],
  decayRate: 0.3,
  pxWeight: 1,
  pyxWeight: 1,
  energyPenalty: 0,
  sgld: { ...SGLD_PRESETS.jem, clamp: [-1, 1] },
  replay: { capacity: 10_000, reinitProb: 0.05 },
  dataNoise: 0.03,
  shift: 2,
  maxEnergyGap: 1e4,
  seed: 0,
};

/**
 * Iterations of `ebm-image jem train` at its defaults, sized to finish within an hour on 2 cores: one iteration (20 SGLD
 * steps on 64 chains, one hybrid gradient on 128 images) measured 0.44 s of CPU time on one onnxruntime thread, so
 * 4,000 take about 30 minutes of one core.
 */
export const JEM_DEFAULT_ITERATIONS = 4000;

/** JEM's decay milestones (80 % and 90 % of the run, its epochs 160 and 180 of 200) for a run of `iterations`. */
export function jemDecayIterations(iterations: number): number[] {
  return [Math.round(0.8 * iterations), Math.round(0.9 * iterations)];
}
