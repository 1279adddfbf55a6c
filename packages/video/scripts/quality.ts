// Quality tables of the package README: recovery MAE for three damages beside the interpolation baseline, synthesis
// spectra beside spectrum-matched noise, and speed at preset defaults. Run from the repository root:
//   node_modules/.bin/tsx packages/video/scripts/quality.ts --out /tmp/ebm-video-quality
// Prints markdown on stdout and progress on stderr; with --out also writes PNG strips of frames per clip and JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  composeFrameStrip,
  dynamicTexturePreset,
  generateClip,
  isClipKind,
  measureRecovery,
  measureSynthesis,
  QUALITY_MASKS,
  synthesizeVideo,
  trainVideoModel,
  writePng,
  type ClipKind,
  type RecoveryScores,
  type SynthesisScores,
  type VideoTensor,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    clips: { type: 'string', default: 'ripples,smoke,leaves,clouds' },
    masks: { type: 'string', default: QUALITY_MASKS.join(',') },
    out: { type: 'string' },
    threads: { type: 'string' },
    // Smoke runs of this script: fewer learning iterations (recovery) and training iterations (synthesis).
    'learn-iterations': { type: 'string' },
    'train-iterations': { type: 'string' },
    'no-synthesis': { type: 'boolean', default: false },
    // Clip size of the run (default the package's 24 frames of 64×48); synthesis on a busy machine may use less.
    size: { type: 'string', default: '64x48' },
    frames: { type: 'string', default: '24' },
    'no-recovery': { type: 'boolean', default: false },
    // Overrides of the recovery (learning) preset, e.g. a lower cap on the reference's precisions.
    'max-smoothness': { type: 'string' },
    // Overrides of the dynamic-texture preset for synthesis, as JSON, e.g. '{"referenceSigma":1}'.
    'train-preset': { type: 'string' },
  },
});
const threads = values.threads ? Number(values.threads) : undefined;
const [clipWidth, clipHeight] = values.size!.split('x').map(Number);
const clipFrames = Number(values.frames);
const clipSize = { frames: clipFrames, width: clipWidth, height: clipHeight };
const learnIterations = values['learn-iterations'] ? Number(values['learn-iterations']) : undefined;
const trainIterations = values['train-iterations'] ? Number(values['train-iterations']) : undefined;
const log = (line: string): boolean => process.stderr.write(line + '\n');
const f4 = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : 'n/a');
const f2 = (v: number): string => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const kinds = values.clips!.split(',').filter(Boolean);
for (const k of kinds) if (!isClipKind(k)) throw new Error(`unknown clip ${k}`);
const masks = values.masks!.split(',').filter(Boolean) as (typeof QUALITY_MASKS)[number][];
if (values.out) await mkdir(values.out, { recursive: true });
const started = Date.now();
/** Frames shown in strips: every third of the middle, where the missing frames are. */
const SHOWN = [6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18];

interface Row {
  kind: ClipKind;
  recovery: RecoveryScores[];
  synthesis?: SynthesisScores & { trainSeconds: number; iterations: number; synthSeconds: number };
}
const rows: Row[] = [];
for (const kind of kinds as ClipKind[]) {
  const training = await generateClip(kind, { ...clipSize, seed: 1 });
  const truth = await generateClip(kind, { ...clipSize, seed: 2 });
  const row: Row = { kind, recovery: [] };
  if (!values['no-recovery']) {
    for (const m of masks) {
      const r = await measureRecovery(truth, m, { threads, iterations: learnIterations, preset: values['max-smoothness'] ? { maxSmoothness: Number(values['max-smoothness']) } : undefined });
      log(`${kind} ${m}: ebm ${f4(r.ebm)} (${r.estimate}; mean ${f4(r.ebmMean)}) interpolate ${f4(r.interpolate)} reference ${f4(r.reference)} ${r.seconds.toFixed(0)} s`);
      row.recovery.push(r);
      if (values.out) {
        const shown = m === 'frames6' ? SHOWN : [0, 3, 6, 9, 12, 15, 18, 21];
        await writePng(join(values.out, `${kind}-${m}.png`), composeFrameStrip([r.clips.input, r.clips.ebm, r.clips.interpolate, truth], { frames: shown, scale: 2 }));
      }
    }
  }
  if (!values['no-synthesis']) {
    const t0 = Date.now();
    const model = await trainVideoModel([training], { preset: values['train-preset'] ? dynamicTexturePreset(JSON.parse(values['train-preset'])) : undefined, threads, iterations: trainIterations, onIteration: (e, n) => e.iteration % 20 === 0 && log(`${kind} training ${e.iteration}/${n}`) });
    const trainSeconds = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    const [synth] = await synthesizeVideo(model, { seed: 4 });
    const synthSeconds = (Date.now() - t1) / 1000;
    const [longer] = await synthesizeVideo(model, { seed: 6, frames: 2 * clipFrames, width: Math.round(1.5 * clipWidth), height: Math.round(1.5 * clipHeight) });
    await model.model.dispose();
    const s = measureSynthesis(synth, training, truth);
    row.synthesis = { ...s, trainSeconds, iterations: model.trainer!.iteration, synthSeconds };
    log(`${kind} synthesis: temporal ${f2(s.ebm.temporal)} (noise ${f2(s.matchedNoise.temporal)}, other ${f2(s.otherClip.temporal)}) spatial ${f2(s.ebm.spatial)} (noise ${f2(s.matchedNoise.spatial)}, other ${f2(s.otherClip.spatial)}) nearest frame ${f4(s.nearestFrame)} train ${trainSeconds.toFixed(0)} s`);
    if (values.out) {
      const frames = Array.from({ length: 8 }, (_, k) => Math.floor((k * clipFrames) / 8));
      await writePng(join(values.out, `${kind}-synthesis.png`), composeFrameStrip([training, synth, s.matchedNoiseClip], { frames, scale: 2 }));
      await writePng(join(values.out, `${kind}-synthesis-larger.png`), composeFrameStrip([longer], { frames: Array.from({ length: 8 }, (_, k) => Math.floor((k * longer.frames) / 8)), scale: 2 }));
    }
  }
  rows.push(row);
  if (values.out) await writeFile(join(values.out, 'quality.json'), JSON.stringify(summary(rows), null, 2));
}

const table = (header: string[], body: string[][]): string => [header, header.map(() => '---'), ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
const bold = (v: number, than: number): string => (v < than ? `**${f4(v)}**` : f4(v));
const out: string[] = [];
const maskTitle = { random50: '(a) 50 % of pixels missing at random', square: '(b) static square occlusion (16×16 px, every frame)', frames6: '(c) frames 10–15 of 24 missing' };
for (const m of masks) {
  out.push(`### ${maskTitle[m]}`, '');
  const body = rows.flatMap((r) => r.recovery.filter((x) => x.mask === m).map((x) => [r.kind, bold(x.ebm, x.interpolate), x.estimate, bold(x.ebmMean, x.interpolate), f4(x.interpolate), f4(x.reference), `${x.seconds.toFixed(0)} s`]));
  out.push(table(['clip', 'EBM (learn)', 'estimate', 'EBM mean', 'interpolate', 'reference alone', 'EBM time'], body), '');
  if (m === 'square') {
    const motion = rows.flatMap((r) => r.recovery.filter((x) => x.mask === m && x.motion).map((x) => [r.kind, f4(x.motion!.original), f4(x.motion!.ebm), f4(x.motion!.ebmMean), f4(x.motion!.interpolate), f4(x.detail!.original), f4(x.detail!.ebm), f4(x.detail!.interpolate)]));
    out.push(table(['clip', 'motion: original', 'EBM', 'EBM mean', 'interpolate', 'detail: original', 'EBM', 'interpolate'], motion), '');
  }
}
const synth = rows.filter((r) => r.synthesis);
if (synth.length) {
  out.push('### Synthesis: spectra against the training clip (RMS of log₁₀ power differences; lower is closer)', '');
  out.push(
    table(
      ['clip', 'temporal: EBM', 'matched noise', 'other clip', 'spatial: EBM', 'matched noise', 'other clip', 'nearest frame', 'training step'],
      synth.map((r) => {
        const s = r.synthesis!;
        return [r.kind, f2(s.ebm.temporal), f2(s.matchedNoise.temporal), f2(s.otherClip.temporal), f2(s.ebm.spatial), f2(s.matchedNoise.spatial), f2(s.otherClip.spatial), f4(s.nearestFrame), f4(s.consecutiveStep)];
      }),
    ),
    '',
    '### Speed',
    '',
    table(
      ['clip', 'training (s)', 's / iteration', 'synthesis of 24 frames (s)'],
      synth.map((r) => [r.kind, r.synthesis!.trainSeconds.toFixed(0), (r.synthesis!.trainSeconds / r.synthesis!.iterations).toFixed(2), r.synthesis!.synthSeconds.toFixed(1)]),
    ),
    '',
  );
}
out.push(`Total: ${((Date.now() - started) / 60000).toFixed(1)} min.`);
process.stdout.write(out.join('\n') + '\n');

/** The numbers of every row, without the clips, for quality.json. */
function summary(all: Row[]): unknown {
  return all.map((r) => ({ kind: r.kind, recovery: r.recovery.map(({ clips: _c, ...x }) => x), synthesis: r.synthesis && { ...r.synthesis, matchedNoiseClip: undefined } }));
}
