/**
 * Lattice noise for procedural textures: a hash gives each integer lattice point a value, value noise
 * interpolates them smoothly, fractal (fBm) noise sums octaves. Position-hashed rather than drawn from a
 * stream, so a texture of any size is a crop of one infinite seeded pattern.
 */

/** A uniform value in [0, 1) for the integer point (ix, iy) of pattern `seed` (murmur3 finaliser). */
export function latticeHash(ix: number, iy: number, seed: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(seed | 0, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1) at real position (x, y), lattice spacing 1; C¹ (smoothstep) between points. */
export function valueNoise(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = latticeHash(ix, iy, seed);
  const b = latticeHash(ix + 1, iy, seed);
  const c = latticeHash(ix, iy + 1, seed);
  const d = latticeHash(ix + 1, iy + 1, seed);
  const top = a + (b - a) * sx;
  const bottom = c + (d - c) * sx;
  return top + (bottom - top) * sy;
}

/**
 * Fractal Brownian motion: `octaves` layers of value noise, each at twice the frequency and `gain` times
 * the amplitude of the previous, normalised back to [0, 1).
 * @param x, y position in lattice units of the first octave.
 */
export function fractalNoise(x: number, y: number, seed: number, octaves = 5, gain = 0.5): number {
  let sum = 0;
  let amplitude = 1;
  let total = 0;
  let frequency = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amplitude * valueNoise(x * frequency, y * frequency, seed + 1013 * o);
    total += amplitude;
    amplitude *= gain;
    frequency *= 2;
  }
  return sum / total;
}
