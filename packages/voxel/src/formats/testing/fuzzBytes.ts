// Fixed-seed byte mutations for the parser fuzz tests: truncations, flipped bytes, spliced garbage, random files.

/** A small deterministic generator (mulberry32): the same seed gives the same cases on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` broken variants of valid files: a quarter truncated at a random length, a quarter with 1–8 random bytes
 * overwritten, a quarter with a random run of bytes inserted or removed, a quarter random bytes (sometimes behind
 * a valid file's first bytes, so parsers get past their magic).
 */
export function* fuzzCases(valid: readonly Uint8Array[], count: number, seed: number): Generator<Uint8Array> {
  const random = seededRandom(seed);
  const int = (n: number): number => Math.floor(random() * n);
  for (let k = 0; k < count; k++) {
    const base = valid[k % valid.length];
    switch (k % 4) {
      case 0:
        yield base.slice(0, int(base.length));
        break;
      case 1: {
        const b = base.slice();
        for (let f = 1 + int(8); f > 0; f--) b[int(b.length)] = int(256);
        yield b;
        break;
      }
      case 2: {
        const at = int(base.length);
        const run = 1 + int(16);
        if (random() < 0.5) yield concat(base.subarray(0, at), randomBytes(run, int), base.subarray(at));
        else yield concat(base.subarray(0, at), base.subarray(Math.min(base.length, at + run)));
        break;
      }
      default: {
        const noise = randomBytes(int(300), int);
        yield random() < 0.5 ? noise : concat(base.subarray(0, int(Math.min(64, base.length))), noise);
      }
    }
  }
}

function randomBytes(n: number, int: (n: number) => number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
