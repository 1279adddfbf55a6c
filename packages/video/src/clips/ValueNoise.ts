import { Rng } from '@ebm/core';

const SIZE = 256;

/**
 * Seeded 3D value noise in [0, 1]: random values on the integer lattice (a permutation table of 256), interpolated
 * with a smooth (C¹) fade; `fbm` sums octaves at doubling frequency and halving amplitude. Coordinates in lattice
 * units; used for clouds, flames and the leaves' background.
 */
export class ValueNoise {
  private readonly perm = new Uint8Array(2 * SIZE);
  private readonly values = new Float32Array(SIZE);

  constructor(seed: number) {
    const rng = new Rng(seed);
    const p = Array.from({ length: SIZE }, (_, i) => i);
    for (let i = SIZE - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    for (let i = 0; i < 2 * SIZE; i++) this.perm[i] = p[i % SIZE];
    for (let i = 0; i < SIZE; i++) this.values[i] = rng.uniform();
  }

  private lattice(x: number, y: number, z: number): number {
    const { perm } = this;
    return this.values[perm[perm[perm[x & 255] + (y & 255)] + (z & 255)]];
  }

  /** Noise at (x, y, z), in [0, 1]. */
  at(x: number, y: number, z: number): number {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const z0 = Math.floor(z);
    const fx = fade(x - x0);
    const fy = fade(y - y0);
    const fz = fade(z - z0);
    const c00 = lerp(this.lattice(x0, y0, z0), this.lattice(x0 + 1, y0, z0), fx);
    const c10 = lerp(this.lattice(x0, y0 + 1, z0), this.lattice(x0 + 1, y0 + 1, z0), fx);
    const c01 = lerp(this.lattice(x0, y0, z0 + 1), this.lattice(x0 + 1, y0, z0 + 1), fx);
    const c11 = lerp(this.lattice(x0, y0 + 1, z0 + 1), this.lattice(x0 + 1, y0 + 1, z0 + 1), fx);
    return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
  }

  /** Fractal sum of `octaves` octaves (frequency ×2, amplitude ×½ each), normalised to [0, 1]. */
  fbm(x: number, y: number, z: number, octaves: number): number {
    let sum = 0;
    let amplitude = 1;
    let total = 0;
    let f = 1;
    for (let o = 0; o < octaves; o++) {
      sum += amplitude * this.at(x * f + 17.3 * o, y * f + 9.1 * o, z * f);
      total += amplitude;
      amplitude *= 0.5;
      f *= 2;
    }
    return sum / total;
  }
}

function fade(t: number): number {
  return t * t * (3 - 2 * t);
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Hermite step from 0 at `edge0` to 1 at `edge1`. */
export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
