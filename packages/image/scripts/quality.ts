// Quality tables of the package README: inpainting RMSE, synthesis distances and speed at preset defaults.
// Run from the repository root:
//   node_modules/.bin/tsx packages/image/scripts/quality.ts --photos ../shared/data/textures --out /tmp/ebm-quality
// Prints markdown on stdout; progress on stderr; with --out also writes one PNG sheet per texture.
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  composeSampleSheet,
  markdownTable,
  measureInpainting,
  measureSpeed,
  measureSynthesis,
  qualityTextures,
  TEXTURE_KINDS,
  trainTexture,
  writePng,
  type InpaintingScores,
  type QualityTexture,
  type SpeedScores,
  type SynthesisScores,
  type TextureKind,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '../shared/data/textures' },
    // The photographs of at least 120 px on each side, so that the two 64-px crops do not overlap (ice, 120 px: an 8×8 corner).
    files: { type: 'string', default: 'cracked.png,pink_marble.png,stone33.png,ice.png' },
    generated: { type: 'string', default: TEXTURE_KINDS.join(',') },
    size: { type: 'string', default: '64' },
    iterations: { type: 'string' },
    'learn-iterations': { type: 'string' },
    out: { type: 'string' },
    speed: { type: 'boolean', default: true },
    'no-speed': { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const iterations = values.iterations ? Number(values.iterations) : undefined;
const learnIterations = values['learn-iterations'] ? Number(values['learn-iterations']) : undefined;
const log = (line: string): boolean => process.stderr.write(line + '\n');
const f3 = (v: number): string => v.toFixed(3);
const f4 = (v: number): string => v.toFixed(4);
const started = Date.now();

const textures = await qualityTextures(
  (values.generated ?? '').split(',').filter(Boolean) as TextureKind[],
  values.photos!,
  (values.files ?? '').split(',').filter(Boolean),
  size,
);

interface Row {
  texture: QualityTexture;
  synthesis: SynthesisScores;
  inpainting: InpaintingScores[];
  trainSeconds: number;
}
const rows: Row[] = [];
const failures: string[] = [];
for (const texture of textures) {
  const t0 = Date.now();
  let model;
  try {
    model = await trainTexture([texture.train], { iterations });
  } catch (e) {
    // A diverged texture is reported, not hidden, and the other textures still run.
    failures.push(`${texture.name}: ${(e as Error).message}`);
    log(`${texture.name}: ${(e as Error).message}`);
    continue;
  }
  const trainSeconds = (Date.now() - t0) / 1000;
  const synthesis = await measureSynthesis(model, texture.train, texture.test);
  const inpainting: InpaintingScores[] = [];
  try {
    for (const mask of ['random50', 'square'] as const) inpainting.push(await measureInpainting(texture.test, model, mask, { learnIterations }));
  } catch (e) {
    failures.push(`${texture.name}: ${(e as Error).message}`);
    log(`${texture.name}: ${(e as Error).message}`);
    continue;
  } finally {
    await model.model.dispose();
  }
  rows.push({ texture, synthesis, inpainting, trainSeconds });
  log(
    `${texture.name}: train ${trainSeconds.toFixed(0)} s, ` +
      inpainting.map((s) => `${s.mask} learn ${f3(s.learn)} model ${f3(s.model)} harmonic ${f3(s.harmonic)} (learn ${s.learnSeconds.toFixed(0)} s)`).join(', ') +
      ` — ${((Date.now() - started) / 1000).toFixed(0)} s so far`,
  );
  if (values.out) {
    const [r, q] = inpainting;
    await writePng(
      join(values.out, `${texture.name}.png`),
      composeSampleSheet(
        [texture.train, synthesis.image, texture.test, r.images.learn, r.images.model, r.images.harmonic, q.images.learn, q.images.model, q.images.harmonic],
        { columns: 9 },
      ),
    );
  }
}

const speed: SpeedScores[] = [];
if (values.speed && !values['no-speed']) {
  for (const preset of ['texture', 'object'] as const) speed.push(await measureSpeed(preset));
}

const better = (a: number, b: number): string => (a < b ? `**${f4(a)}**` : f4(a));
const fd = (v: number): string => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
let md = '';
md += `### Inpainting, random 50 % pixel mask: RMSE over the missing pixels (values in [0, 1]; lower is better, bold: below harmonic)\n\n`;
md += markdownTable(
  ['texture', 'source', 'learn', 'model', 'harmonic', 'mean fill'],
  rows.map(({ texture, inpainting: [r] }) => [texture.name, texture.source, better(r.learn, r.harmonic), better(r.model, r.harmonic), f4(r.harmonic), f4(r.mean)]),
);
md += `\n### Inpainting, central square hole (side 1/4): RMSE, and detail (Laplacian RMS in the hole relative to the original: 1 = as detailed, 0 = smooth)\n\n`;
md += markdownTable(
  ['texture', 'learn: RMSE', 'detail', 'model: RMSE', 'detail', 'harmonic: RMSE', 'detail', 'mean fill: RMSE'],
  rows.map(({ texture, inpainting: [, q] }) => [
    texture.name,
    better(q.learn, q.harmonic),
    fd(q.detail.learn),
    better(q.model, q.harmonic),
    fd(q.detail.model),
    f4(q.harmonic),
    fd(q.detail.harmonic),
    f4(q.mean),
  ]),
);
const wins = (k: 'learn' | 'model', i: number): number => rows.filter((r) => r.inpainting[i][k] < r.inpainting[i].harmonic).length;
md += `\nBelow harmonic: learn ${wins('learn', 0)}/${rows.length} textures with the 50 % mask and ${wins('learn', 1)}/${rows.length} with the hole; ` +
  `model ${wins('model', 0)}/${rows.length} and ${wins('model', 1)}/${rows.length}. ` +
  `Estimates: the posterior mean for the 50 % mask, one sample for the hole (\`--estimate auto\`).\n\n`;
md += `### Synthesis: distances to the training crop (lower is closer)\n\n`;
md += markdownTable(
  ['texture', 'histogram: EBM', 'noise', 'phase', 'spectrum: EBM', 'noise', 'phase', 'nearest patch: EBM', 'other crop', 'noise', 'phase'],
  rows.map(({ texture, synthesis: s }) => [
    texture.name,
    f3(s.ebm.histogram),
    f3(s.noise.histogram),
    f3(s.phase.histogram),
    f3(s.ebm.spectrum),
    f3(s.noise.spectrum),
    f3(s.phase.spectrum),
    f3(s.ebm.nearestPatch),
    f3(s.otherCrop.nearestPatch),
    f3(s.noise.nearestPatch),
    f3(s.phase.nearestPatch),
  ]),
);
if (speed.length) {
  md += `\n### Speed at preset defaults\n\n`;
  md += markdownTable(
    ['preset', 'training size', 's / training iteration', 'synthesized image', 's / image'],
    speed.map((s) => [s.preset, `${s.size}×${s.size}`, s.secondsPerIteration.toFixed(3), `${s.synthesisSize}×${s.synthesisSize}`, s.secondsPerImage.toFixed(2)]),
  );
}
if (failures.length) md += `\nFailed: ${failures.join('; ')}\n`;
const trainMean = rows.reduce((a, r) => a + r.trainSeconds, 0) / Math.max(1, rows.length);
const learnMean = rows.reduce((a, r) => a + r.inpainting[0].learnSeconds + r.inpainting[1].learnSeconds, 0) / Math.max(1, 2 * rows.length);
md +=
  `\n${size}×${size} crops; texture models: ${iterations ?? 'preset default'} iterations (mean ${trainMean.toFixed(0)} s); ` +
  `--learn: ${learnIterations ?? 'preset default'} iterations (mean ${learnMean.toFixed(0)} s). ` +
  `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end, total ${((Date.now() - started) / 60000).toFixed(1)} min.\n`;
process.stdout.write(md);
