import { FrameListError } from './FrameListError.js';

const FORM = 'use 1-based frame numbers and ranges such as 4,9-12';

/**
 * Parses a 1-based list of frames with ranges, e.g. '4,9-12' → [3, 8, 9, 10, 11] (0-based, sorted, unique).
 * @param frames the clip's frame count; every number must be in 1…frames.
 * @throws FrameListError naming the bad item: empty, not a number ('a'), 0, an open range ('3-'), a reversed range
 *   ('5-2'), or past the last frame.
 */
export function parseFrameList(list: string, frames: number): number[] {
  const out = new Set<number>();
  const items = list.split(',').map((s) => s.trim());
  if (items.every((s) => s === '')) throw new FrameListError(`missing frames '${list}' is empty; ${FORM}`);
  for (const item of items) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) throw new FrameListError(`missing frames '${list}': '${item}' is not a frame number or range; ${FORM}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1) throw new FrameListError(`missing frames '${list}': frame 0 does not exist (numbers start at 1); ${FORM}`);
    if (to < from) throw new FrameListError(`missing frames '${list}': range '${item}' runs backwards; write it as ${to}-${from}`);
    if (to > frames) throw new FrameListError(`missing frames '${list}': frame ${to} is past the last frame (the clip has ${frames}); ${FORM}`);
    for (let f = from; f <= to; f++) out.add(f - 1);
  }
  return [...out].sort((a, b) => a - b);
}
