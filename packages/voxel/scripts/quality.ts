// Quality tables of the package README: recovery (50% and 70% missing) against the fill baseline, super-resolution
// 16³→32³ and 32³→64³ against nearest and trilinear, synthesis IoU to the nearest training shape, speed.
// Run from the repository root (one class per call keeps memory low and lets classes run one after another):
//   node_modules/.bin/tsx packages/voxel/scripts/quality.ts --class chair --out /tmp/voxel-quality
//   node_modules/.bin/tsx packages/voxel/scripts/quality.ts --class real-chairs --out /tmp/voxel-quality --sr64
// Writes <out>/<class>.json and <out>/<class>-*.png; `--table` prints the markdown table of every JSON in <out>.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '@ebm/core';
import {
  blockRounding,
  createVoxelModel,
  cubesGeometry,
  downsample,
  encodePng,
  fillBaseline,
  imageSheet,
  loadVoxelModel,
  parseMeshFile,
  randomVoxelMask,
  recoverByLearning,
  recoverShapes,
  renderGeometry,
  saveVoxelModel,
  shapeMeshes,
  shapePreset,
  superResolve,
  synthesizeShapes,
  trainVoxelModel,
  upsample,
  voxelErrorRate,
  voxelizeMesh,
  voxelIou,
  type ShapeClass,
  type VoxelBatch,
  type VoxelModel,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    class: { type: 'string', default: 'chair' },
    out: { type: 'string', default: '/tmp/voxel-quality' },
    chairs: { type: 'string', default: '../shared/data/meshes/chairs' },
    train: { type: 'string', default: '12' },
    test: { type: 'string', default: '4' },
    iterations: { type: 'string', default: '60' },
    steps: { type: 'string', default: '10' },
    'learning-rate': { type: 'string', default: '0.01' },
    'energy-penalty': { type: 'string', default: String(shapePreset().energyPenalty) },
    'init-std': { type: 'string', default: '0' },
    'max-grad-norm': { type: 'string', default: '0' },
    skip32: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    more: { type: 'string', default: '0' },
    channels: { type: 'string', default: '32,64,64' },
    'sr64-iterations': { type: 'string', default: '20' },
    sr64: { type: 'boolean', default: false },
    learn: { type: 'boolean', default: false },
    threads: { type: 'string', default: '1' },
    table: { type: 'boolean', default: false },
  },
});

const out = values.out!;
mkdirSync(out, { recursive: true });
if (values.table) {
  printTable();
  process.exit(0);
}

const kind = values.class!;
const threads = Number(values.threads);
const channels = values.channels!.split(',').map(Number) as [number, number, number];
const log = (s: string) => process.stderr.write(`[${kind}] ${s}\n`);

/** Training and held-out grids at resolution R: generated (seed 7) or the real chairs (the last `test` held out). */
function shapes(R: number): { train: VoxelBatch; test: VoxelBatch } {
  const nTrain = Number(values.train);
  const nTest = Number(values.test);
  let grids: Float32Array[];
  if (kind === 'real-chairs') {
    const files = readdirSync(values.chairs!).filter((f) => f.endsWith('.obj')).sort();
    grids = files.map((f) => voxelizeMesh(parseMeshFile(f, readFileSync(join(values.chairs!, f))), R).data);
  } else {
    grids = shapeMeshes(kind as ShapeClass, nTrain + nTest, 7).map((m) => voxelizeMesh(m, R).data);
  }
  const batch = (gs: Float32Array[]): VoxelBatch => {
    const data = new Float32Array(gs.length * R ** 3);
    gs.forEach((g, i) => data.set(g, i * R ** 3));
    return { shape: [gs.length, R, R, R], data };
  };
  return { train: batch(grids.slice(0, grids.length - nTest)), test: batch(grids.slice(grids.length - nTest)) };
}

function subset(b: VoxelBatch, from: number, to: number): VoxelBatch {
  const size = b.shape[1] * b.shape[2] * b.shape[3];
  return { shape: [to - from, b.shape[1], b.shape[2], b.shape[3]], data: b.data.slice(from * size, to * size) };
}

function render(grids: VoxelBatch, name: string, columns = grids.shape[0]): void {
  const R = grids.shape[1];
  const images = Array.from({ length: grids.shape[0] }, (_, i) => renderGeometry(cubesGeometry(subset(grids, i, i + 1)), [R, R, R], { size: 160 }));
  const sheet = imageSheet(images, columns);
  writeFileSync(join(out, `${kind}-${name}.png`), encodePng(sheet.rgb, sheet.width, sheet.height));
}

/** Trains the class model at R³ and saves it as <out>/<class>-<R>.ebm; with --reuse, loads that file instead. */
async function train(R: number, iterations: number, data: VoxelBatch): Promise<{ m: VoxelModel; secondsPerIteration: number }> {
  const file = join(out, `${kind}-${R}.ebm`);
  if (values.reuse && existsSync(file)) {
    log(`reusing ${file}`);
    const m = await loadVoxelModel(file, { threads });
    const more = Number(values.more);
    if (more > 0) {
      // Continue the saved trainer (θ, Adam moments, persistent chains) for --more iterations, and save it again.
      await trainVoxelModel(m, data, more, (e, total) => e.iteration % 10 === 0 && log(`${R}³ iteration ${e.iteration} (+${total}) E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)}`));
      await saveVoxelModel(file, m);
      result.iterations = (m.trainer?.state().iteration ?? NaN);
    }
    return { m, secondsPerIteration: NaN };
  }
  const preset = shapePreset({
    resolution: R,
    channels,
    steps: Number(values.steps),
    learningRate: Number(values['learning-rate']),
    energyPenalty: Number(values['energy-penalty']),
    initStd: Number(values['init-std']),
    maxGradNorm: Number(values['max-grad-norm']),
  });
  const m = await createVoxelModel(data, preset, { seed: 1, threads });
  const t0 = performance.now();
  await trainVoxelModel(m, data, iterations, (e, total) => {
    if (e.iteration % 10 === 0 || e.iteration === total) log(`${R}³ iteration ${e.iteration}/${total} E(data) ${e.dataEnergy.toExponential(2)} E(samples) ${e.sampleEnergy.toExponential(2)} ${e.seconds.toFixed(1)} s`);
  });
  const secondsPerIteration = (performance.now() - t0) / 1000 / iterations;
  await saveVoxelModel(file, m);
  return { m, secondsPerIteration };
}

/** Noise-free Langevin settings tried on training shapes: step sizes δ and step counts. */
const RECOVERY_CHOICES = (['fill', 'soft-fill'] as const).flatMap((start) => [0.04, 0.1, 0.2].flatMap((stepSize) => [15, 30, 60].map((steps) => ({ start, stepSize, steps }))));
const SR_CHOICES = [0.04, 0.1, 0.2].flatMap((stepSize) => [10, 30].map((steps) => ({ stepSize, steps })));

/**
 * Recovery settings chosen on training shapes (never the held-out ones): the (δ, steps) with the fewest wrong
 * voxels. The step size matters because the learned energies differ by orders of magnitude between classes.
 */
async function calibrateRecovery(m: VoxelModel, trainSet: VoxelBatch, fraction: number, rng: Rng): Promise<(typeof RECOVERY_CHOICES)[number]> {
  const val = subset(trainSet, 0, Math.min(4, trainSet.shape[0]));
  const size = val.shape[1] ** 3;
  const mask = Float32Array.from(Array.from({ length: val.shape[0] }, () => Array.from(randomVoxelMask(size, fraction, rng))).flat());
  const incomplete = { shape: val.shape, data: val.data.map((v, i) => (mask[i] ? 0 : v)) };
  let best = RECOVERY_CHOICES[0];
  let bestError = Infinity;
  for (const choice of RECOVERY_CHOICES) {
    const error = voxelErrorRate((await recoverShapes(m, incomplete, mask, choice)).data, val.data, mask);
    if (error < bestError) [best, bestError] = [choice, error];
  }
  return best;
}

/** Super-resolution settings chosen on training shapes, as for recovery. */
async function calibrateSr(m: VoxelModel, trainSet: VoxelBatch): Promise<{ stepSize: number; steps: number }> {
  const val = subset(trainSet, 0, Math.min(4, trainSet.shape[0]));
  const coarse = downsample(val, 2);
  let best = SR_CHOICES[0];
  let bestError = Infinity;
  for (const choice of SR_CHOICES) {
    const error = voxelErrorRate((await superResolve(m, coarse, 2, choice)).data, val.data);
    if (error < bestError) [best, bestError] = [choice, error];
  }
  return best;
}

// Results add to the class's JSON (a --skip32 or --reuse run adds to or updates an earlier run's figures).
const jsonPath = join(out, `${kind}.json`);
const result: Record<string, unknown> = existsSync(jsonPath) && (values.skip32 || values.reuse) ? JSON.parse(readFileSync(jsonPath, 'utf8')) : {};
Object.assign(result, { class: kind, channels, trainSteps: Number(values.steps), learningRate: Number(values['learning-rate']), energyPenalty: Number(values['energy-penalty']), initStd: Number(values['init-std']), maxGradNorm: Number(values['max-grad-norm']) });
if (!values.skip32) result.iterations = Number(values.iterations);
const save = () => writeFileSync(jsonPath, JSON.stringify(result, null, 1));

/** Super-resolution errors of the model (rounded per block and soft) beside the baselines and trilinear rounded per block. */
async function srScores(m: VoxelModel, coarse: VoxelBatch, truth: VoxelBatch, setting: { steps: number; stepSize: number }): Promise<{ scores: Record<string, number>; sr: VoxelBatch }> {
  const t0 = performance.now();
  const sr = await superResolve(m, coarse, 2, setting);
  const secondsPerShape = (performance.now() - t0) / 1000 / truth.shape[0];
  const soft = await superResolve(m, coarse, 2, { ...setting, soft: true });
  const trilinear = upsample(coarse, 2, 'trilinear');
  const trilinearRounded = trilinear.data.slice();
  blockRounding(trilinearRounded, coarse.data, truth.shape[1], 2);
  return {
    sr,
    scores: {
      ...setting,
      nearest: voxelErrorRate(upsample(coarse, 2, 'nearest').data, truth.data),
      trilinear: voxelErrorRate(trilinear.data, truth.data),
      trilinearRounded: voxelErrorRate(trilinearRounded, truth.data),
      soft: voxelErrorRate(soft.data, truth.data),
      model: voxelErrorRate(sr.data, truth.data),
      secondsPerShape,
    },
  };
}

/** IoU of each sample with its nearest training shape, and its filled voxels. */
function nearestIou(samples: VoxelBatch, trainSet: VoxelBatch): { nearestTrainingIou: number[]; filled: number[] } {
  const size = samples.shape[1] ** 3;
  const n = samples.shape[0];
  const nearestTrainingIou = Array.from({ length: n }, (_, i) => {
    const s = samples.data.subarray(i * size, (i + 1) * size);
    let best = 0;
    for (let j = 0; j < trainSet.shape[0]; j++) best = Math.max(best, voxelIou(s, trainSet.data.subarray(j * size, (j + 1) * size)));
    return best;
  });
  return { nearestTrainingIou, filled: Array.from({ length: n }, (_, i) => samples.data.subarray(i * size, (i + 1) * size).filter((v) => v >= 0.5).length) };
}

// 32³: recovery, 16³ → 32³ super-resolution, synthesis.
if (!values.skip32) {
  const R = 32;
  const { train: trainSet, test } = shapes(R);
  result.trainShapes = trainSet.shape[0];
  result.testShapes = test.shape[0];
  render(subset(trainSet, 0, Math.min(6, trainSet.shape[0])), 'training');
  const { m, secondsPerIteration } = await train(R, Number(values.iterations), trainSet);
  if (!Number.isNaN(secondsPerIteration)) result.secondsPerIteration32 = secondsPerIteration;
  const rng = new Rng(5);
  const recovery: Record<string, unknown> = {};
  for (const fraction of [0.5, 0.7]) {
    const setting = await calibrateRecovery(m, trainSet, fraction, rng);
    const size = R ** 3;
    const mask = Float32Array.from(Array.from({ length: test.shape[0] }, () => Array.from(randomVoxelMask(size, fraction, rng))).flat());
    const incomplete = { shape: test.shape, data: test.data.map((v, i) => (mask[i] ? 0 : v)) };
    const fill = fillBaseline(incomplete, mask);
    const t0 = performance.now();
    const rec = await recoverShapes(m, incomplete, mask, setting);
    const seconds = (performance.now() - t0) / 1000 / test.shape[0];
    recovery[fraction] = { ...setting, fill: voxelErrorRate(fill.data, test.data, mask), model: voxelErrorRate(rec.data, test.data, mask), secondsPerShape: seconds };
    log(`recovery ${fraction}: ${JSON.stringify(recovery[fraction])}`);
    if (fraction === 0.7) {
      const one = (b: VoxelBatch) => subset(b, 0, 1);
      render({ shape: [4, R, R, R], data: Float32Array.from([...one(test).data, ...one(incomplete).data, ...one(fill).data, ...one(rec).data]) }, 'recovery');
    }
    result.recovery = recovery;
    save();
  }
  const srSetting = await calibrateSr(m, trainSet);
  const coarse = downsample(test, 2);
  const { scores, sr } = await srScores(m, coarse, test, srSetting);
  result.sr32 = scores;
  log(`sr 16→32: ${JSON.stringify(result.sr32)}`);
  render({ shape: [4, R, R, R], data: Float32Array.from([...subset(test, 0, 1).data, ...upsample(subset(coarse, 0, 1), 2, 'nearest').data, ...upsample(subset(coarse, 0, 1), 2, 'trilinear').data, ...subset(sr, 0, 1).data]) }, 'superres');
  save();
  // From noise (fresh chains, 200 Langevin + 100 noise-free steps) and from the persistent chains of training.
  const t1 = performance.now();
  const fromNoise = await synthesizeShapes(m, 4, { start: 'noise', steps: 200, seed: 3 });
  result.synthesisNoise = { ...nearestIou(fromNoise, trainSet), secondsPerShape: (performance.now() - t1) / 1000 / 4 };
  log(`synthesis from noise: ${JSON.stringify(result.synthesisNoise)}`);
  render(fromNoise, 'samples-noise');
  const persistent = await synthesizeShapes(m, 4, { start: 'persistent', seed: 3 });
  result.synthesis = nearestIou(persistent, trainSet);
  log(`synthesis from the persistent chains: ${JSON.stringify(result.synthesis)}`);
  render(persistent, 'samples');
  save();
  if (values.learn) {
    // Learning from the incomplete held-out grids themselves (changes θ in memory, so it runs last).
    const mask = Float32Array.from(Array.from({ length: test.shape[0] }, () => Array.from(randomVoxelMask(R ** 3, 0.7, rng))).flat());
    const incomplete = { shape: test.shape, data: test.data.map((v, i) => (mask[i] ? 0 : v)) };
    const fill = voxelErrorRate(fillBaseline(incomplete, mask).data, test.data, mask);
    const model = voxelErrorRate((await recoverShapes(m, incomplete, mask, recovery['0.7'] as { steps: number; stepSize: number })).data, test.data, mask);
    const t1 = performance.now();
    const learned = await recoverByLearning(m, incomplete, mask, { iterations: 30, seed: 1, onIteration: (e, total) => e.iteration % 10 === 0 && log(`learn ${e.iteration}/${total}`) });
    result.learn70 = { fill, model, learn: voxelErrorRate(learned.data, test.data, mask), secondsPerShape: (performance.now() - t1) / 1000 / test.shape[0] };
    log(`learn 0.7: ${JSON.stringify(result.learn70)}`);
    save();
  }
  await m.model.dispose();
}

// 64³: 32³ → 64³ super-resolution (optional: a 64³ model per class).
if (values.sr64) {
  const R = 64;
  const { train: trainSet, test } = shapes(R);
  const { m, secondsPerIteration } = await train(R, Number(values['sr64-iterations']), trainSet);
  const srSetting = await calibrateSr(m, trainSet);
  const coarse = downsample(test, 2);
  const { scores } = await srScores(m, coarse, test, srSetting);
  result.sr64 = { ...scores, iterations: Number(values['sr64-iterations']), ...(Number.isNaN(secondsPerIteration) ? {} : { secondsPerIteration }) };
  log(`sr 32→64: ${JSON.stringify(result.sr64)}`);
  save();
  await m.model.dispose();
}

function printTable(): void {
  const rows = readdirSync(out).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')));
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${(100 * v).toFixed(3)}%`);
  const bold = (v: number, ...baselines: number[]) => (baselines.every((b) => v < b) ? `**${pct(v)}**` : pct(v));
  const lines = [
    '| class | iterations, α | recovery 50%: fill / model (start, steps×δ) | recovery 70%: fill / model | SR 16→32: nearest / trilinear / trilinear rounded / model soft / model | SR 32→64: the same | synthesis IoU to the nearest training shape: from noise; persistent chains |',
    '|---|---|---|---|---|---|---|',
  ];
  type Rec = { fill: number; model: number; start?: string; steps: number; stepSize: number };
  type Sr = { nearest: number; trilinear: number; trilinearRounded?: number; soft?: number; model: number; steps: number; stepSize: number };
  for (const r of rows) {
    const rec = (x: Rec | undefined) => (x ? `${pct(x.fill)} / ${bold(x.model, x.fill)} (${x.start ?? 'fill'}, ${x.steps}×${x.stepSize})` : '—');
    const sr = (x: Sr | undefined) => (x ? `${pct(x.nearest)} / ${pct(x.trilinear)} / ${pct(x.trilinearRounded)} / ${pct(x.soft)} / ${bold(x.model, x.nearest, x.trilinear)} (${x.steps}×${x.stepSize})` : '—');
    const iou = (x: { nearestTrainingIou: number[] } | undefined) => (x ? x.nearestTrainingIou.map((v) => v.toFixed(2)).join(', ') : '—');
    lines.push(`| ${r.class} | ${r.iterations ?? '—'}, ${r.energyPenalty ?? '—'} | ${rec(r.recovery?.['0.5'])} | ${rec(r.recovery?.['0.7'])} | ${sr(r.sr32)} | ${sr(r.sr64)} | ${iou(r.synthesisNoise)}; ${iou(r.synthesis)} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
