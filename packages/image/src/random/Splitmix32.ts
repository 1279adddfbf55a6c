/**
 * A small seeded generator (splitmix32) for masks, noise images and random phases, so that equal seeds
 * give equal images on every machine. Kept local because the image package's randomness is cheap and
 * independent of the sampler's stream (core's Rng).
 */
export class Splitmix32 {
  private z: number;
  private spare: number | null = null;

  /** @param seed any integer. */
  constructor(seed = 0) {
    this.z = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.z = (this.z + 0x9e3779b9) >>> 0;
    let t = this.z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
    return (t ^ (t >>> 16)) >>> 0;
  }

  /** A uniform number in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A standard normal draw (polar Box-Muller, spare kept). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }
}
