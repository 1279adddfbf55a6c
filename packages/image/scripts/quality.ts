// Quality tables of the package README: hole filling (RMSE over the hole relative to harmonic interpolation, and
// detail), the random 50 % mask, synthesis distances, and speed at preset defaults. Run from the repository root:
//   nice -n 10 node_modules/.bin/tsx packages/image/scripts/quality.ts --out /tmp/ebm-quality
// Prints markdown on stdout and progress on stderr; with --out also writes, per texture, a sheet of the hole fills
// (<name>-holes.png) and one of the training crop beside four syntheses (<name>-synthesis.png).
// --textures brick,stone33 measures a subset (in that order) while iterating, --parts random only the 50 % mask; <out>/quality.md holds the tables of
// the textures measured so far.
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@ebm/core';
import {
  composeSampleSheet,
  cropImage,
  markdownTable,
  measureHoles,
  measureInpainting,
  measureSpeed,
  measureSynthesis,
  qualityTextures,
  TEXTURE_KINDS,
  trainTexture,
  writePng,
  type HoleScores,
  type InpaintingScores,
  type QualityTexture,
  type SpeedScores,
  type SynthesisScores,
  type TextureKind,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    large: { type: 'string', default: '../shared/data/textures-large' },
    'large-files': { type: 'string', default: 'lava04.png,lava05.png,water12.png,water16.png,mars001.png,terra002.png,dirty02.png,moon103.png,moon-nasa.png' },
    photos: { type: 'string', default: '../shared/data/textures' },
    // The photographs of at least 120 px on each side: two 64-px crops barely overlap (ice, 120 px: an 8×8 corner).
    'photo-files': { type: 'string', default: 'cracked.png,pink_marble.png,stone33.png,ice.png' },
    generated: { type: 'string', default: TEXTURE_KINDS.join(',') },
    size: { type: 'string', default: '128' },
    'photo-size': { type: 'string', default: '64' },
    textures: { type: 'string' },
    iterations: { type: 'string' },
    'learn-iterations': { type: 'string' },
    threads: { type: 'string' },
    out: { type: 'string' },
    'no-speed': { type: 'boolean', default: false },
    // Which measurements to make per texture: holes, random (the 50 % mask), synthesis.
    parts: { type: 'string', default: 'holes,random,synthesis' },
  },
});
const list = (v: string | undefined): string[] => (v ?? '').split(',').filter(Boolean);
const size = Number(values.size);
const photoSize = Number(values['photo-size']);
const iterations = values.iterations ? Number(values.iterations) : undefined;
const learnIterations = values['learn-iterations'] ? Number(values['learn-iterations']) : undefined;
const threads = values.threads ? Number(values.threads) : undefined;
const wanted = list(values.textures);
const parts = new Set(list(values.parts));
const log = (line: string): boolean => process.stderr.write(line + '\n');
const f2 = (v: number): string => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
const f3 = (v: number): string => v.toFixed(3);
const f4 = (v: number): string => v.toFixed(4);
const started = Date.now();

const textures = [
  ...(await qualityTextures(list(values.generated) as TextureKind[], values.large!, list(values['large-files']), size)),
  ...(await qualityTextures([], values.photos!, list(values['photo-files']), photoSize)),
]
  .filter((t) => wanted.length === 0 || wanted.includes(t.name))
  // In the order asked for, so the textures that matter most are measured first.
  .sort((a, b) => wanted.indexOf(a.name) - wanted.indexOf(b.name));

interface Row {
  texture: QualityTexture;
  synthesis?: SynthesisScores;
  holes: HoleScores[];
  /** The 50 % mask at 64×64 and, where the image allows, 128×128 (bottom-right crops). */
  random: { size: number; scores: InpaintingScores }[];
  trainSeconds: number;
}
const rows: Row[] = [];
const failures: string[] = [];

/** The README's markdown tables of the rows measured so far. */
function tables(speed: SpeedScores[]): string {
  const goal = (s: { rmseRatio: number; detail: number }): string =>
    s.rmseRatio <= 1.6 && s.detail >= 0.7 && s.detail <= 1.5 ? `**${f2(s.rmseRatio)}** | **${f2(s.detail)}**` : `${f2(s.rmseRatio)} | ${f2(s.detail)}`;
  let md = '';
  md += `### Holes: RMSE over the hole ÷ harmonic's, and detail (window 4 px wider than the hole); **bold**: within the goal (≤ 1.6 and 0.7–1.5)\n\n`;
  md += markdownTable(
    ['texture', 'crop', 'hole', 'learn: RMSE ÷ harmonic', 'detail', 'model: RMSE ÷ harmonic', 'detail', 'real patch: RMSE ÷ harmonic', 'detail', 'harmonic: RMSE', 'detail'],
    rows.flatMap(({ texture, holes }) =>
      holes.map((h) => [texture.name, `${texture.train.width}`, `${h.side}`, goal(h.learn), goal(h.model), `${f2(h.patch.rmseRatio)} | ${f2(h.patch.detail)}`, f4(h.harmonic.rmse), f2(h.harmonic.detail)]),
    ),
  );
  const holeCount = rows.reduce((a, r) => a + r.holes.length, 0);
  const within = (k: 'learn' | 'model'): number => rows.flatMap((r) => r.holes).filter((h) => h[k].rmseRatio <= 1.6 && h[k].detail >= 0.7 && h[k].detail <= 1.5).length;
  md += `\nWithin the goal: learn ${within('learn')}/${holeCount} holes, model ${within('model')}/${holeCount}.\n\n`;

  const better = (a: number, b: number): string => (a < b ? `**${f4(a)}**` : f4(a));
  md += `### Random 50 % pixel mask: RMSE over the missing pixels (values in [0, 1]; **bold**: below harmonic)\n\n`;
  md += markdownTable(
    ['texture', 'source', 'crop', 'learn', 'model', 'harmonic', 'mean fill'],
    rows.flatMap(({ texture, random }) =>
      random.map(({ size: s, scores: r }) => [texture.name, texture.source, `${s}`, better(r.learn, r.harmonic), better(r.model, r.harmonic), f4(r.harmonic), f4(r.mean)]),
    ),
  );
  const randomRows = rows.flatMap((r) => r.random);
  md += `\nBelow harmonic: learn ${randomRows.filter((r) => r.scores.learn < r.scores.harmonic).length}/${randomRows.length}, model ${randomRows.filter((r) => r.scores.model < r.scores.harmonic).length}/${randomRows.length}.\n\n`;

  md += `### Synthesis: distances to the training crop (lower is closer)\n\n`;
  md += markdownTable(
    ['texture', 'histogram: EBM', 'noise', 'phase', 'spectrum: EBM', 'noise', 'phase', 'nearest patch: EBM', 'other crop', 'noise', 'phase'],
    rows.flatMap(({ texture, synthesis: s }) => (s ? [[
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
    ]] : [])),
  );
  if (speed.length) {
    md += `\n### Speed at preset defaults\n\n`;
    md += markdownTable(
      ['preset', 'training size', 's / training iteration', 'synthesized image', 's / image'],
      speed.map((s) => [s.preset, `${s.size}×${s.size}`, s.secondsPerIteration.toFixed(3), `${s.synthesisSize}×${s.synthesisSize}`, s.secondsPerImage.toFixed(2)]),
    );
  }
  if (failures.length) md += `\nFailed: ${failures.join('; ')}\n`;
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
  md +=
    `\nTexture models: ${iterations ?? 'preset default'} iterations (mean ${mean(rows.map((r) => r.trainSeconds)).toFixed(0)} s); ` +
    `--learn on a hole: mean ${mean(rows.flatMap((r) => r.holes.map((h) => h.learnSeconds))).toFixed(0)} s, on the 50 % mask: mean ` +
    `${mean(randomRows.map((r) => r.scores.learnSeconds)).toFixed(0)} s. ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end, ` +
    `total ${((Date.now() - started) / 60000).toFixed(1)} min.\n`;
  return md;
}

for (const texture of textures) {
  const crop = texture.train.width;
  const t0 = Date.now();
  try {
    // The texture preset at its defaults (64 px), trained on windows of the training crop.
    const model = await trainTexture([texture.train], { iterations, threads });
    const trainSeconds = (Date.now() - t0) / 1000;
    const synthesis = parts.has('synthesis') ? await measureSynthesis(model, texture.train, texture.test, 0, 4) : undefined;
    const holes: HoleScores[] = [];
    if (parts.has('holes')) for (const side of [crop / 8, crop / 4]) holes.push(await measureHoles(texture.test, texture.train, model, side, { learnIterations, threads }));
    const random: Row['random'] = [];
    for (const s of parts.has('random') ? [64, 128] : []) {
      if (texture.image.width < s || texture.image.height < s) continue;
      const test = s === crop ? texture.test : cropImage(texture.image, texture.image.width - s, texture.image.height - s, s, s);
      random.push({ size: s, scores: await measureInpainting(test, model, 'random50', { learnIterations, threads }) });
    }
    await model.model.dispose();
    rows.push({ texture, synthesis, holes, random, trainSeconds });
    log(
      `${texture.name}: train ${trainSeconds.toFixed(0)} s; ` +
        holes.map((h) => `hole ${h.side}: learn ${f2(h.learn.rmseRatio)}/${f2(h.learn.detail)} model ${f2(h.model.rmseRatio)}/${f2(h.model.detail)} (${h.learnSeconds.toFixed(0)} s)`).join(', ') +
        '; 50 %: ' + random.map((r) => `${r.size} learn ${f4(r.scores.learn)} harmonic ${f4(r.scores.harmonic)}`).join(', ') +
        ` — ${((Date.now() - started) / 60000).toFixed(1)} min so far`,
    );
    if (values.out) {
      const sheet = [texture.test];
      for (const h of holes) sheet.push(h.images.harmonic, h.images.patch, h.images.learn, h.images.model);
      if (holes.length) await writePng(join(values.out, `${texture.name}-holes.png`), composeSampleSheet(sheet, { columns: sheet.length }));
      if (synthesis) await writePng(join(values.out, `${texture.name}-synthesis.png`), composeSampleSheet([texture.train, ...synthesis.images], { columns: 5 }));
      // The table so far, so that a run stopped early still leaves what it measured.
      await writeFileAtomic(join(values.out, 'quality.md'), Buffer.from(tables([])));
    }
  } catch (e) {
    // A diverged texture is reported, not hidden, and the other textures still run.
    failures.push(`${texture.name}: ${(e as Error).message}`);
    log(`${texture.name}: ${(e as Error).message}`);
  }
}


const speed: SpeedScores[] = [];
if (!values['no-speed']) for (const preset of ['texture', 'object'] as const) speed.push(await measureSpeed(preset));
process.stdout.write(tables(speed));

