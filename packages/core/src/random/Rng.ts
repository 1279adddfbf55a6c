/**
 * Seeded pseudo-random numbers for reproducible sampling and initialisation.
 *
 * xoshiro128** (Blackman & Vigna) on four 32-bit words, seeded through splitmix32, so a run with the
 * same seed is bit-identical on every machine. Gaussian draws use Marsaglia and Tsang's ziggurat
 * (128 layers; one 32-bit word gives the layer, the sign and a 24-bit uniform, so the layer index is not
 * read from the value's own bits): about 4× faster than the polar Box-Muller method it replaced, which
 * matters because every Langevin step draws one normal per pixel. The whole state can be saved and
 * restored, which is what lets a resumed training run continue exactly as an uninterrupted one; `spare`
 * is only ever set in states saved by the Box-Muller generator, and is drawn first when present.
 */
export interface RngState {
  s: [number, number, number, number];
  spare: number | null;
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /** @param seed any integer; equal seeds give equal streams. */
  constructor(seed = 0) {
    let z = seed >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
      return (t ^ (t >>> 16)) >>> 0;
    };
    // The words are kept as signed 32-bit integers (small integers to V8, never heap numbers).
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Restores a generator from {@link Rng.state}. */
  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state.s.map((w) => w | 0);
    r.spare = state.spare;
    return r;
  }

  /** The full state, JSON-serialisable. */
  state(): RngState {
    return { s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const m5 = Math.imul(this.s1, 5);
    const result = Math.imul((m5 << 7) | (m5 >>> 25), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A standard normal draw, N(0, 1). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    for (;;) {
      const r = this.nextUint32() | 0;
      const k = r & 255;
      const u = r >>> 8;
      if (u < ZIG_INNER[k]) return u * ZIG_STEP[k];
      const z = this.zigguratEdge(r);
      if (z === z) return z;
    }
  }

  /**
   * Fills `out` with N(mean, std²) draws and returns it: the same stream as calling {@link Rng.normal}
   * `out.length` times, with the generator's state in locals and the ziggurat's common case (a point inside
   * a layer's rectangle, 97% of draws) inline and branch-free in the sign.
   */
  fillNormal(out: Float32Array | Float64Array, mean = 0, std = 1): typeof out {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.spare !== null) {
      out[i++] = mean + std * this.spare;
      this.spare = null;
    }
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    while (i < n) {
      // One xoshiro128** output, exactly as nextUint32 (as a signed word).
      const m5 = Math.imul(s1, 5);
      const r = Math.imul((m5 << 7) | (m5 >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const k = r & 255;
      const u = r >>> 8;
      if (u < ZIG_INNER[k]) {
        out[i++] = mean + std * (u * ZIG_STEP[k]);
        continue;
      }
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      const z = this.zigguratEdge(r);
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
      if (z === z) out[i++] = mean + std * z;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /**
   * The ziggurat's rare cases for word `r` whose point fell outside its layer's rectangle: the tail beyond R
   * (layer 0, Marsaglia's exponential method) or a wedge, accepted under the density. NaN: rejected, draw again.
   */
  private zigguratEdge(r: number): number {
    const i = r & 127;
    const sign = 1 - ((r >>> 6) & 2);
    if (i === 0) {
      for (;;) {
        const a = -Math.log(1 - this.uniform()) / ZIG_R;
        const b = -Math.log(1 - this.uniform());
        if (2 * b >= a * a) return sign * (ZIG_R + a);
      }
    }
    const x = (r >>> 8) * TWO_POW_M24 * ZIG_X[i];
    const y = ZIG_F[i] + this.uniform() * (ZIG_F[i + 1] - ZIG_F[i]);
    return y < Math.exp(-0.5 * x * x) ? sign * x : NaN;
  }

  /** Fills `out` with uniform draws in [lo, hi) and returns it. */
  fillUniform(out: Float32Array | Float64Array, lo = 0, hi = 1): typeof out {
    const w = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + w * this.uniform();
    return out;
  }
}

const TWO_POW_M24 = 2 ** -24;
/** Right edge of the ziggurat's base layer (Marsaglia & Tsang 2000, 128 layers) and each layer's area. */
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
/**
 * Layer i spans x in [0, ZIG_X[i]) between heights ZIG_F[i] and ZIG_F[i + 1] of f(x) = exp(−x²/2);
 * ZIG_X[0] = V / f(R) is the base layer's width with its tail folded in, ZIG_X[1] = R, ZIG_X[128] = 0.
 * ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i]: below it a point is inside the layer under every part of the curve.
 */
const ZIG_X = new Float64Array(129);
const ZIG_F = new Float64Array(129);
const ZIG_RATIO = new Float64Array(128);
/**
 * The common case by the low 8 bits k of the word (layer k & 127, sign bit 7) and its top 24 bits u: inside the
 * layer's rectangle when u < ZIG_INNER[k] = ⌈ZIG_RATIO·2²⁴⌉, and then the draw is u·ZIG_STEP[k] = ±u·2⁻²⁴·ZIG_X
 * (the same float as scaling u by 2⁻²⁴ first: both factors are exact powers of two apart).
 */
const ZIG_INNER = new Int32Array(256);
const ZIG_STEP = new Float64Array(256);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  ZIG_X[0] = ZIG_V / f(ZIG_R);
  ZIG_X[1] = ZIG_R;
  for (let i = 1; i < 127; i++) ZIG_X[i + 1] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i] + f(ZIG_X[i])));
  for (let i = 0; i <= 128; i++) ZIG_F[i] = f(ZIG_X[i]);
  for (let i = 0; i < 128; i++) ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i];
  for (let k = 0; k < 256; k++) {
    ZIG_INNER[k] = Math.ceil(ZIG_RATIO[k & 127] * 2 ** 24);
    ZIG_STEP[k] = (k & 128 ? -1 : 1) * ZIG_X[k & 127] * TWO_POW_M24;
  }
}
