import { decodeRaw } from '../io/runFfmpeg.js';
import { videoFromRaw } from '../io/rawFrames.js';
import type { VideoTensor } from '../io/VideoTensor.js';
import { resolveClipOptions, type ClipOptions } from './ClipOptions.js';

/** The ffmpeg test sources used as clips: Conway's life and an elementary cellular automaton (rule 30, scrolling). */
export type FfmpegSourceKind = 'life' | 'cellauto';

/**
 * A clip from one of ffmpeg's generated sources (lavfi): `life` (Conway's game of life with mould colouring, random
 * start of 30 % live cells) or `cellauto` (rule 30 from a random row, scrolling up). Needs ffmpeg.
 * @returns RGB [3, T, H, W] in [0, 1].
 */
export async function ffmpegSourceClip(kind: FfmpegSourceKind, options: ClipOptions = {}): Promise<VideoTensor> {
  const { frames, width: W, height: H, fps, seed } = resolveClipOptions(options);
  const graph =
    kind === 'life'
      ? `life=s=${W}x${H}:rate=${fps}:seed=${seed}:ratio=0.3:mold=10:life_color=#f0e0a0:death_color=#203040:mold_color=#605030`
      : `cellauto=s=${W}x${H}:rate=${fps}:seed=${seed}:rule=30:random_fill_ratio=0.5:scroll=1`;
  const bytes = await decodeRaw({ input: graph, inputFormat: 'lavfi', maxFrames: frames, pixelFormat: 'rgb24' });
  return videoFromRaw(bytes, 3, W, H, fps);
}
