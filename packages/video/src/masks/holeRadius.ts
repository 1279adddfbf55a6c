import type { VideoMask } from './VideoMask.js';

/**
 * The largest distance (4-neighbour steps within a frame) from a missing pixel to an observed pixel of the same
 * frame, over the frames that are partly observed; wholly missing frames do not count (they are recovered from
 * neighbouring frames). 0 when nothing is missing; a random 50 % mask gives 2–4, a 16-px square 8.
 */
export function holeRadius(mask: VideoMask): number {
  const { frames: T, height: H, width: W, data } = mask;
  const plane = H * W;
  const dist = new Int32Array(plane);
  const queue = new Int32Array(plane);
  let worst = 0;
  for (let t = 0; t < T; t++) {
    const frame = data.subarray(t * plane, (t + 1) * plane);
    let head = 0;
    let tail = 0;
    for (let p = 0; p < plane; p++) {
      if (frame[p]) dist[p] = -1;
      else (dist[p] = 0), (queue[tail++] = p);
    }
    if (tail === 0) continue; // wholly missing frame
    while (head < tail) {
      const p = queue[head++];
      const x = p % W;
      const next = [x > 0 ? p - 1 : -1, x < W - 1 ? p + 1 : -1, p >= W ? p - W : -1, p + W < plane ? p + W : -1];
      for (const q of next) {
        if (q < 0 || dist[q] !== -1) continue;
        dist[q] = dist[p] + 1;
        worst = Math.max(worst, dist[q]);
        queue[tail++] = q;
      }
    }
  }
  return worst;
}
