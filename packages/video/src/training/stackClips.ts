import type { VideoTensor } from '../io/VideoTensor.js';
import { normaliseVideo } from '../io/normalisation.js';

/**
 * Clips of one shape as one training batch in network units.
 * @returns [N, C, T, H, W] in [−1, 1].
 * @throws RangeError when the clips differ in shape.
 */
export function stackClips(clips: readonly VideoTensor[]): Float32Array {
  if (clips.length === 0) throw new RangeError('training needs at least one clip');
  const [a] = clips;
  for (const c of clips) {
    if (c.channels !== a.channels || c.frames !== a.frames || c.height !== a.height || c.width !== a.width) {
      throw new RangeError(`training clips differ in shape: ${c.frames}×${c.width}x${c.height}x${c.channels} and ${a.frames}×${a.width}x${a.height}x${a.channels} (read them with the same --frames and --size)`);
    }
  }
  const D = a.data.length;
  const out = new Float32Array(clips.length * D);
  clips.forEach((c, i) => out.set(normaliseVideo(c), i * D));
  return out;
}
